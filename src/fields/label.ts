/** A label in Vietnamese (the default admin language) and English. */
export const label = (vi: string, en: string) => ({ vi, en })

/** Select options from [value, vietnamese, english] triples. */
export const options = (entries: [value: string, vi: string, en: string][]) =>
  entries.map(([value, vi, en]) => ({ value, label: label(vi, en) }))
