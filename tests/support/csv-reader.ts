/** Test helper shared by the CSV writer's and the CLI's tests. */
/** A strict RFC 4180 reader: CRLF rows, quoted fields with doubled quotes, no bare quotes, same width on every row. */
export function parseCsv(text: string, delimiter: ',' | ';' = ','): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let at = 0
  while (at < text.length) {
    let cell = ''
    if (text[at] === '"') {
      at += 1
      for (;;) {
        const quote = text.indexOf('"', at)
        if (quote < 0) throw new Error('unterminated quoted field')
        cell += text.slice(at, quote)
        at = quote + 1
        if (text[at] !== '"') break
        cell += '"'
        at += 1
      }
    } else {
      let end = at
      while (end < text.length && text[end] !== delimiter && !text.startsWith('\r\n', end)) end += 1
      cell = text.slice(at, end)
      if (/["\r\n]/.test(cell)) throw new Error(`a bare quote or line break in an unquoted field: ${JSON.stringify(cell)}`)
      at = end
    }
    row.push(cell)
    if (text[at] === delimiter) at += 1
    else if (text.startsWith('\r\n', at)) {
      rows.push(row)
      row = []
      at += 2
    } else throw new Error(`unexpected character at ${at}`)
  }
  if (row.length > 0) throw new Error('the last row has no CRLF')
  const width = rows[0]?.length
  if (rows.some((r) => r.length !== width)) throw new Error('rows of different widths')
  return rows
}
