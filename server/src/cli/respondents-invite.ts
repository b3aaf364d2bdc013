import { DomainError, type InvitationKind, type InvitationSendOutcome } from '@parsurvey/shared'
import { loadConfig } from '../config.ts'
import { createMailer } from '../register/mailer.ts'
import { sendInvitations } from '../register/invite.ts'
import type { Services } from '../services.ts'
import { text } from './cli-error.ts'
import { openCommandDatabase } from './database.ts'

export type InviteOptions = { surveyId: string; remind: boolean; dryRun: boolean }

/** The outcome as the summary line and one line per person not reached. */
async function report(services: Services, outcome: InvitationSendOutcome): Promise<{ out: string; err: string }> {
  const { selected, sent, bounced, failed, noEmail } = outcome
  const kind = text(`cli-invite-kind-${outcome.kind}`)
  const out = outcome.dryRun
    ? text('cli-invite-dry-run', { kind, selected, noEmail })
    : text('cli-invite-done', { kind, selected, sent, bounced, failed, noEmail })
  const err: string[] = []
  for (const f of outcome.failures) {
    const person = await services.respondents.get(f.respondentId)
    err.push(
      text('cli-invite-failure', {
        name: person?.name ?? String(f.respondentId),
        email: person?.email ?? '',
        status: text(`cli-invite-status-${f.status}`),
        error: f.error,
      }),
    )
  }
  return { out: `${out}\n`, err: err.map((line) => `${line}\n`).join('') }
}

/**
 * `pnpm parsurvey respondents invite --survey <id> [--remind] [--dry-run]`: mails the invitation
 * (or the reminder, only to those not finished) to everyone due one, exactly as the admin page's
 * button does: each person is claimed in a transaction before the mail server is called, so a
 * run beside the server (or a second run) never mails anyone twice. Exit 1 when mail is not
 * configured (SMTP_URL, MAIL_FROM, PUBLIC_URL for the links) or when any mail bounced or failed.
 */
export async function invite(options: InviteOptions): Promise<number> {
  const config = loadConfig()
  const kind: InvitationKind = options.remind ? 'remind' : 'invite'
  const missing = !config.mail ? 'mail-not-configured' : !config.publicUrl ? 'cli-invite-public-url' : undefined
  if (missing && !options.dryRun) {
    process.stderr.write(`${text(missing)}\n`)
    return 1
  }
  const opened = await openCommandDatabase('respondents invite', { codes: true })
  if (!opened) return 1
  const { services } = opened
  const mailer = options.dryRun || !config.mail ? undefined : createMailer(config.mail)
  try {
    const outcome = await sendInvitations(services, mailer, {
      surveyId: options.surveyId,
      kind,
      dryRun: options.dryRun,
      origin: config.publicUrl ?? '',
      userId: null,
    })
    const { out, err } = await report(services, outcome)
    process.stdout.write(out)
    process.stderr.write(err)
    // A dry run answers as the real run would start: refused while mail is not set up.
    if (missing) process.stderr.write(`${text(missing)}\n`)
    return missing || outcome.bounced + outcome.failed > 0 ? 1 : 0
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    process.stderr.write(`${error.message}\n`)
    return 1
  } finally {
    mailer?.close()
    await opened.close()
  }
}
