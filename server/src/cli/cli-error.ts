import { formatMessage } from '@parsurvey/shared'

/** The command-line tool speaks English; catalogue codes keep the Vietnamese text one switch away. */
export function text(code: string, params: Record<string, string | number> = {}): string {
  return formatMessage(code, params, 'en')
}

/** A failure caused by the user's input: printed on stderr, exit code 2, nothing on stdout. */
export class CliInputError extends Error {
  readonly lines: string[]
  constructor(lines: string[]) {
    super(lines.join('\n'))
    this.name = 'CliInputError'
    this.lines = lines
  }
}
