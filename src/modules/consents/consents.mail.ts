import type { AccessContext } from '../../platform/access';
import type { Mailer } from '../../platform/mail';
import type { ConsentsService } from './consents.service';

export interface ConsentedMessage {
  patientId: string;
  purposeKey: string;
  to: string;
  subject: string;
  text: string;
  lang: 'et' | 'lv' | 'en' | 'ru';
}

const footer = {
  et: 'Kui te ei soovi enam neid sõnumeid saada, võtke nõusolek tagasi ühe klõpsuga:',
  lv: 'Ja vairs nevēlaties saņemt šos ziņojumus, atsauciet piekrišanu ar vienu klikšķi:',
  en: 'If you no longer want these messages, withdraw your consent with one click:',
  ru: 'Если вы больше не хотите получать эти сообщения, отзовите согласие одним щелчком:',
};

/**
 * Sends newsletters, surveys and other messages that rely on consent or legitimate interest.
 * The ledger is asked right before each message, so a withdrawal stops the very next one;
 * every message carries its own withdrawal link (and List-Unsubscribe for mail programs).
 */
export function createConsentedMail(deps: {
  consents: Pick<ConsentsService, 'allows' | 'withdrawUrl'>;
  mailer: Mailer;
}) {
  async function send(
    ctx: Pick<AccessContext, 'clinicId'>,
    m: ConsentedMessage,
  ): Promise<{ sent: boolean; reason?: string }> {
    if (!(await deps.consents.allows(ctx, m.patientId, m.purposeKey)))
      return { sent: false, reason: 'no consent in force' };
    const url = deps.consents.withdrawUrl(ctx.clinicId, m.patientId, m.purposeKey);
    await deps.mailer.send({
      to: m.to,
      subject: m.subject,
      text: `${m.text}\n\n--\n${footer[m.lang]}\n${url}\n`,
      headers: { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    });
    return { sent: true };
  }
  return { send };
}
