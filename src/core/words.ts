/** Small wording helpers the diagnosis and the reports share. */

/** "The key …" from "the key …": a clause that starts a sentence. */
export function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** "the key …" from "The key …": a sentence that continues another. */
export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1)
}
