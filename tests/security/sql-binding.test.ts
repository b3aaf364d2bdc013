import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot } from '../support/server-process.ts'

/**
 * SQL only through bound parameters: no SQL text in server/src is built from values. Every
 * `${…}` inside a template literal that reads as SQL must be on this allow-list, and each listed
 * name must be a constant of SQL text (a literal with no `${…}` of its own) in the same file, or
 * a table name taken from a constant list. String concatenation onto SQL is refused outright.
 */
const ALLOWED: Record<string, { expressions: string[]; why: string }> = {
  'backup/manifest.ts': {
    expressions: ['name.replace(/"/g, \'""\')'],
    why: 'table names read from sqlite_master (not from a request), quoted as SQL identifiers',
  },
  'db/access-codes.ts': {
    expressions: ['batchColumns', 'codeColumns'],
    why: 'column lists shared by several statements',
  },
  'db/aggregates.ts': {
    expressions: ['table'],
    why: "table names from the constant list ['agg_cells', 'agg_options', 'agg_tallies']",
  },
  'db/effective-responses.ts': {
    expressions: ['SPAN', 'LATEST_CORRECTION', 'NOT_VOIDED'],
    why: 'clauses shared by the plain and the reviewed reads, with bound @first/@last/@surveyId/@version',
  },
  'db/progress-counts.ts': {
    expressions: ['DAY', "DAY.replaceAll('@submittedAt', 'submittedAt')"],
    why: 'one SQL expression for the Vietnam day, still with bound @submittedAt',
  },
  'db/export-reader.ts': {
    expressions: ['PLAIN', 'REVIEWED', 'TAIL', 'SPAN', 'SPARSE', 'LATEST_CORRECTION'],
    why: 'the four streamed export reads (plain/reviewed × rowid span/sparse) from shared clauses',
  },
  'db/paper-forms.ts': {
    expressions: ['FORM_COLUMNS'],
    why: 'the paper form column list (with its keying count and unit) shared by four statements',
  },
  'db/score-input-sets.ts': {
    expressions: ['ledger.sets', 'ledger.rows'],
    why: "table names from the constant LEDGERS (self_assessment_* or adjustment_*), chosen by the repository's kind",
  },
  'db/respondents.ts': { expressions: ['columns'], why: 'column list shared by three statements' },
  'db/review.ts': {
    expressions: ['RESPONSE_COLUMNS', 'conflictColumns'],
    why: 'column lists shared by several statements',
  },
  'db/users.ts': { expressions: ['accountColumns'], why: 'column list shared by two statements' },
  'storage/copy-tables.ts': {
    expressions: [
      'table',
      'sourceList',
      'orderList',
      'columnList',
      'overrideClause',
      'valueRows',
      'identityColumn',
      'where',
    ],
    why: 'migrate-to-postgres: table and column names read from both schemas (sqlite_master, information_schema), quoted by quoteIdent; $n placeholders; values always bound; `where` is a constant of NOT_SEED',
  },
  'storage/migration-check.ts': {
    expressions: ['table'],
    why: 'row counts of the tables read from the schemas, quoted by quoteIdent',
  },
}
/** Allowed names that are not literal constants, checked by hand: see `why` above. */
const NOT_LITERAL = new Set([
  'table',
  // db/score-input-sets.ts: table names from its constant LEDGERS.
  'ledger.sets',
  'ledger.rows',
  "DAY.replaceAll('@submittedAt', 'submittedAt')",
  'name.replace(/"/g, \'""\')',
  // storage/copy-tables.ts: built from schema identifiers, see `why` above.
  'sourceList',
  'orderList',
  'columnList',
  'overrideClause',
  'valueRows',
  'identityColumn',
  'where',
])

const SQL =
  /\b(SELECT|INSERT\s+INTO|REPLACE\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX|VIEW|TRIGGER)|DROP\s+(TABLE|INDEX)|ALTER\s+TABLE|PRAGMA|VACUUM|ATTACH)\b/i

/**
 * `tagged`: the template is Kysely's `sql` tag (`sql\`…\``, `sql<T>\`…\``), which sends every
 * `${…}` as a bound parameter (or as a builder of its own, such as `sql.ref`); text is spliced in
 * only by `sql.raw`, which has a check of its own below.
 */
type Template = { text: string; expressions: string[]; line: number; tagged: boolean }

/** Where Kysely's `sql.raw` may splice text into SQL, and why that text is not a value. */
const SQL_RAW: Record<string, string> = {
  'storage/unnest-rows.ts':
    "PostgreSQL type names from the literal unions of its parameters ('text' | 'bigint' | 'float8', 'text' | 'int')",
}

/** Template literals of a source file with their `${…}` expressions (comments and quotes skipped). */
function templates(src: string): Template[] {
  const out: Template[] = []
  let i = 0
  while (i < src.length) {
    const ch = src[i]
    if (ch === '/' && src[i + 1] === '/') {
      const end = src.indexOf('\n', i)
      i = end < 0 ? src.length : end
    } else if (ch === '/' && src[i + 1] === '*') {
      i = src.indexOf('*/', i) + 2
    } else if (ch === "'" || ch === '"') {
      i++
      while (i < src.length && src[i] !== ch) i += src[i] === '\\' ? 2 : 1
      i++
    } else if (ch === '`') {
      const start = i++
      let text = ''
      const expressions: string[] = []
      while (i < src.length && src[i] !== '`') {
        if (src[i] === '\\') {
          text += src.slice(i, i + 2)
          i += 2
        } else if (src[i] === '$' && src[i + 1] === '{') {
          let depth = 1
          let j = i + 2
          for (; depth > 0 && j < src.length; j++) depth += src[j] === '{' ? 1 : src[j] === '}' ? -1 : 0
          expressions.push(src.slice(i + 2, j - 1).trim())
          text += '${}'
          i = j
        } else text += src[i++]
      }
      i++
      const tagged = /\bsql\s*(<[^`;]*>)?\s*$/.test(src.slice(Math.max(0, start - 120), start))
      out.push({ text, expressions, line: src.slice(0, start).split('\n').length, tagged })
    } else i++
  }
  return out
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(file)
    return file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.includes(`${path.sep}testing${path.sep}`)
      ? [file]
      : []
  })
}

const serverSrc = path.join(repoRoot, 'server/src')
const files = sourceFiles(serverSrc).map((file) => ({
  name: path.relative(serverSrc, file).split(path.sep).join('/'),
  src: fs.readFileSync(file, 'utf8'),
}))

/** The source that declares `expression` for file `name`: the file itself, or the sibling module it imports the name from. */
function declaringSource(name: string, expression: string): string {
  const src = files.find((f) => f.name === name)!.src
  const from = new RegExp(`import \\{[^}]*\\b${expression}\\b[^}]*\\} from '\\./([\\w-]+\\.ts)'`).exec(src)
  if (!from) return src
  const imported = path.posix.join(path.posix.dirname(name), from[1]!)
  return files.find((f) => f.name === imported)?.src ?? ''
}

describe('SQL is never built from values', () => {
  it('every ${…} in SQL text is an allow-listed constant of its file', () => {
    const found: string[] = []
    for (const { name, src } of files) {
      for (const t of templates(src)) {
        if (t.expressions.length === 0 || t.tagged || !SQL.test(t.text)) continue
        for (const expression of t.expressions) {
          if (!ALLOWED[name]?.expressions.includes(expression)) found.push(`${name}:${t.line} \${${expression}}`)
        }
      }
    }
    expect(found).toEqual([])
  })

  it("Kysely's sql.raw splices text only where allow-listed", () => {
    const found = files.filter(({ src }) => /\bsql\.raw\(/.test(src)).map(({ name }) => name)
    expect(found.sort()).toEqual(Object.keys(SQL_RAW).sort())
  })

  it('the allow-listed names are constants of SQL text without values of their own', () => {
    for (const [name, { expressions }] of Object.entries(ALLOWED)) {
      const src = files.find((f) => f.name === name)?.src
      expect(src, `${name} no longer exists: update the allow-list`).toBeDefined()
      for (const expression of expressions.filter((e) => !NOT_LITERAL.has(e))) {
        const declaration = new RegExp(`const ${expression} =\\s*(\`[^\`]*\`|'[^']*')`).exec(
          declaringSource(name, expression),
        )
        expect(declaration, `${name}: ${expression} must be a const string literal`).not.toBeNull()
        expect(declaration![1]).not.toContain('${')
      }
    }
  })

  it('no SQL is glued together with +', () => {
    const glued = /(['"`])[^'"`\n]*\b(SELECT|INSERT|UPDATE|DELETE|WHERE|VALUES)\b[^'"`\n]*\1\s*\+/i
    const found = files.filter(({ src }) => glued.test(src)).map((f) => f.name)
    expect(found).toEqual([])
  })

  it('the scanner does see a value pasted into SQL (self-check)', () => {
    const [t] = templates("db.prepare(`SELECT * FROM users WHERE name = '${name}'`) // `${nope}`")
    expect(t?.expressions).toEqual(['name'])
    expect(SQL.test(t!.text)).toBe(true)
  })
})
