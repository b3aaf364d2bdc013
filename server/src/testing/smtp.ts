import { simpleParser } from 'mailparser'
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

/** A mail as the test SMTP server received it. */
export type ReceivedMail = { from: string; to: string[]; subject: string; text: string }

/**
 * A real SMTP server on a free local port for tests (smtp-server, the library nodemailer's
 * authors keep): it accepts any login, refuses recipients whose address contains `refuse`
 * with "550 5.1.1" at RCPT (a bounce), and keeps every mail it accepted, parsed.
 */
export async function startSmtpServer() {
  const received: ReceivedMail[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username }),
    onRcptTo(address, _session, callback) {
      if (address.address.includes('refuse')) {
        const error = Object.assign(new Error('5.1.1 No such user here'), { responseCode: 550 })
        return callback(error)
      }
      callback()
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
          })
          callback()
        })
        .catch(callback)
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    /** SMTP_URL for this server, with a password that must never show up in output. */
    url: `smtp://mailer:s3cret-pass@127.0.0.1:${port}`,
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
export type TestSmtpServer = Awaited<ReturnType<typeof startSmtpServer>>
