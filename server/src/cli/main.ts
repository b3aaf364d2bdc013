#!/usr/bin/env node
/**
 * `pnpm parsurvey <command>`: one command-line tool for analysts and self-hosters.
 * Each command lives in its own module and exports `run(args): Promise<number>` (the exit code).
 */
type Command = { summary: string; load: () => Promise<{ run: (args: string[]) => Promise<number> }> }

const commands: Record<string, Command> = {
  user: {
    summary: 'user add|disable|reset-password|list   manage accounts (passwords on stdin)',
    load: () => import('./user.ts'),
  },
  validate: {
    summary: 'validate <files…>          check survey definition files',
    load: () => import('./validate.ts'),
  },
  score: {
    summary:
      'score --survey F [--survey F …] --responses F.jsonl [--self F.csv] [--adjustments F.csv] [--format json|csv] [--skip-invalid]',
    load: () => import('./score.ts'),
  },
  report: {
    summary:
      'report --survey F --responses F.jsonl [--self F.csv] [--adjustments F.csv] [--previous F.json] [--scorecards] --out F.xlsx|F.docx',
    load: () => import('./report.ts'),
  },
  generate: {
    summary: 'generate --survey F --count N [--seed S]   synthetic responses as JSON Lines',
    load: () => import('./generate.ts'),
  },
  survey: {
    summary:
      'survey publish|to-xlsx|from-xlsx|print   publish a survey, convert it to/from Excel, print blank paper forms',
    load: () => import('./survey.ts'),
  },
  respondents: {
    summary:
      'respondents import --survey <id> <file> | invite --survey <id> [--remind] [--dry-run]   import a register; mail invitations or reminders',
    load: () => import('./respondents.ts'),
  },
  backup: {
    summary:
      'backup <file> | backup --dir <folder> [--keep-daily 14 --keep-weekly 8] | backup verify --dir <folder>   copy of the database (safe while the server runs); restore drill',
    load: () => import('./backup.ts'),
  },
  rebuild: {
    summary: 'rebuild [--survey id --version v]   recompute aggregates from the stored responses',
    load: () => import('./rebuild.ts'),
  },
  'migrate-to-postgres': {
    summary:
      'migrate-to-postgres [--from $DATA_DIR/parsurvey.db] --to postgres://… [--replace]   copy the database into PostgreSQL and verify counts and scores',
    load: () => import('./migrate-to-postgres.ts'),
  },
}

function usage(): string {
  return [
    'usage: pnpm parsurvey <command> [options]',
    '',
    ...Object.values(commands).map((c) => `  ${c.summary}`),
  ].join('\n')
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`)
    return name ? 0 : 1
  }
  const command = commands[name]
  if (!command) {
    process.stderr.write(`unknown command "${name}"\n\n${usage()}\n`)
    return 1
  }
  return (await command.load()).run(args)
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`)
    process.exitCode = 1
  },
)
