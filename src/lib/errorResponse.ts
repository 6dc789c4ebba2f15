/** The API's error answer, as Payload words its own: `{ errors: [{ message }] }`. */
export const errorResponse = (message: string, status: number) =>
  Response.json({ errors: [{ message }] }, { status })
