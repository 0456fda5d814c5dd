/** The free-text reason (or comment) the token dialogs require: not blank, at most REASON_MAX characters. */
export const REASON_MAX = 250

export function reasonValid(text: string, max: number = REASON_MAX): boolean {
  return text.trim().length > 0 && text.length <= max
}
