/**
 * A label as lines of at most `width` characters, broken between words (a word longer than a
 * line gets its own line). Charts draw a long domain name this way on screen and in the
 * scorecards, instead of cutting it.
 */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(line)
  return lines
}

/** At most `count` lines of `wrapWords`; what does not fit ends the last line with "…". */
export function wrapWordsInto(text: string, width: number, count: number): string[] {
  const lines = wrapWords(text, width)
  if (lines.length <= count) return lines
  const kept = lines.slice(0, count)
  const last = kept[count - 1]!
  kept[count - 1] = `${last.length >= width ? last.slice(0, width - 1) : last}…`
  return kept
}
