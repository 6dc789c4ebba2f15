const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/**
 * Plain text made safe inside HTML or XML, in element content and in quoted attributes alike
 * (share pages, embed cards, Atom and RSS). `&#39;` rather than `&apos;`: valid in both.
 */
export const escapeMarkup = (text: string) => text.replace(/[&<>"']/g, (c) => ENTITIES[c]!)
