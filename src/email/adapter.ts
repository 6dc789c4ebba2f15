import type { EmailAdapter } from 'payload'

import { randomBytes } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'

import nodemailer, { type SendMailOptions } from 'nodemailer'

/**
 * SMTP when SMTP_URL is set (e.g. smtps://user:pass@mail.example.vn:465); otherwise every message is
 * written as an .eml file to MAIL_DIR (default DATA_DIR/mail) and announced on the console, so
 * development and tests see exactly what would have been sent.
 */
export const emailAdapter = (): EmailAdapter => {
  const defaultFromAddress = process.env.MAIL_FROM || 'sotay@localhost'
  const defaultFromName = process.env.MAIL_FROM_NAME || 'Sổ tay'
  const smtpUrl = process.env.SMTP_URL
  return ({ payload }) => {
    const transport = smtpUrl
      ? nodemailer.createTransport(smtpUrl)
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
    return {
      name: smtpUrl ? 'smtp' : 'mail-folder',
      defaultFromAddress,
      defaultFromName,
      sendEmail: async (message) => {
        const info = await transport.sendMail({
          from: `${defaultFromName} <${defaultFromAddress}>`,
          ...message,
        } as SendMailOptions)
        if (!smtpUrl) {
          const dir = process.env.MAIL_DIR || path.resolve(process.env.DATA_DIR || '.data', 'mail')
          await mkdir(dir, { recursive: true })
          const file = path.join(dir, `${Date.now()}-${randomBytes(4).toString('hex')}.eml`)
          await writeFile(file, (info as { message: Buffer }).message)
          payload.logger.info(
            `Mail to ${String(message.to)}: "${message.subject}" (saved to ${file})`,
          )
        }
        return info
      },
    }
  }
}
