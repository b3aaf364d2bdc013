import nodemailer from 'nodemailer'
import type { MailConfig } from '../config.ts'

/** One plain-text mail to one person. */
export type Mail = { to: string; subject: string; text: string }

/** A refusal by the mail server (bounced: the address is wrong) or any other failure (try again later). */
export type MailFailure = { status: 'bounced' | 'failed'; error: string }

export type Mailer = {
  from: string
  /** Resolves to undefined when the server accepted the mail, else says why not; never throws. */
  send(mail: Mail): Promise<MailFailure | undefined>
  close(): void
}

type SmtpError = Error & { code?: string; responseCode?: number; response?: string }

/**
 * Mail through SMTP with nodemailer: a small pool of connections, short timeouts so a dead
 * server fails a send instead of hanging it. A permanent refusal of the recipient (5xx at RCPT)
 * is a bounce; temporary refusals (4xx) and connection problems are failures to retry.
 */
export function createMailer(config: MailConfig): Mailer {
  const transport = nodemailer.createTransport({
    url: config.url,
    pool: true,
    maxConnections: 2,
    connectionTimeout: 20_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    logger: false,
  })
  return {
    from: config.from,
    async send(mail) {
      try {
        await transport.sendMail({ from: config.from, to: mail.to, subject: mail.subject, text: mail.text })
        return undefined
      } catch (err) {
        const e = err as SmtpError
        const permanent = (e.code === 'EENVELOPE' || e.code === 'EMESSAGE') && (e.responseCode ?? 0) >= 500
        // The server's own words (e.g. "550 5.1.1 No such user"); never the URL, which holds the password.
        const error = (e.response ?? e.message ?? String(err)).slice(0, 500)
        return { status: permanent ? 'bounced' : 'failed', error }
      }
    },
    close: () => transport.close(),
  }
}
