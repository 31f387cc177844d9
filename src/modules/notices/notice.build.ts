import { supervisoryAuthorities } from '../../rules/supervisory-authorities';
import {
  basesOf,
  basisLetters,
  conditionsOf,
  type LegalBasis,
  type LocalizedText,
  type NoticeLanguage,
  type Purpose,
  purposeRights,
  type Register,
} from '../register/register.model';
import { cookieBlocks } from './notice.cookies';
import { type Block, type ListItem, localize, type NoticeDocument } from './notice.document';
import type { RightKey, Wording } from './notice.wording';
import { en } from './notice.wording.en';
import { et } from './notice.wording.et';
import { lv } from './notice.wording.lv';
import { ru } from './notice.wording.ru';
import { ruLv } from './notice.wording.ru-lv';

export const wordings: Record<NoticeLanguage, Wording> = { et, lv, en, ru };

export interface NoticeOptions {
  /** Set for a published version; a draft shows only the register's own date. */
  version?: { number: number; publishedAt: string };
}

const andWord: Record<NoticeLanguage, string> = { et: 'ja', lv: 'un', en: 'and', ru: 'и' };
const rightOrder: RightKey[] = [
  'access',
  'rectification',
  'erasure',
  'restriction',
  'portability',
  'objection',
  'withdrawal',
  'automated',
];
const basisOrder: LegalBasis[] = ['b', 'c', 'f', 'a', 'd', 'e'];

/** Ends a register text with a full stop, so a fixed sentence can follow it. */
const sentence = (s: string) => (/[.!?…]$/.test(s) ? s : `${s}.`);

/** Builds the privacy notice of a register in one language. */
export function buildNotice(reg: Register, lang: NoticeLanguage, opts: NoticeOptions = {}): NoticeDocument {
  // Russian follows the clinic's country's legal terms (Latvia is not Estonia).
  const w = lang === 'ru' && reg.country === 'LV' ? ruLv : wordings[lang];
  const t = (text: LocalizedText | undefined) => localize(text, lang, reg.languages, w.fallback);
  const blocks: Block[] = [];
  const h2 = (text: string) => blocks.push({ type: 'heading', level: 2, text });
  const p = (text: string) => text && blocks.push({ type: 'paragraph', text });
  const list = (items: ListItem[]) => items.length > 0 && blocks.push({ type: 'list', items });
  const byKey = <T extends { key: string }>(xs: T[]) => new Map(xs.map((x) => [x.key, x]));
  const categories = byKey(reg.categories);
  const recipients = byKey(reg.recipients);
  const controllers = byKey(reg.controllers);
  const names = reg.controllers.map((c) => c.name);
  const joinedNames =
    names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} ${andWord[lang]} ${names[names.length - 1]}`;

  const title = reg.title ? t(reg.title) : w.title;
  blocks.push({ type: 'heading', level: 1, text: title });
  const plural = names.length > 1;
  p(w.subtitle(joinedNames, plural));
  if (opts.version) p(w.version(opts.version.number, w.date(opts.version.publishedAt)));
  else if (reg.updated) p(w.updated(w.date(reg.updated)));
  p(w.intro(joinedNames, plural));

  h2(w.headings.controller);
  for (const c of reg.controllers) {
    blocks.push({
      type: 'paragraph',
      text: c.registryCode ? w.controllerLine(c.name, c.registryCode, c.addresses[0]?.country ?? reg.country) : c.name,
      strong: true,
    });
    list([
      ...(c.tradeName && c.tradeName !== c.name ? [{ term: w.labels.tradeName, text: c.tradeName }] : []),
      ...(c.role ? [{ term: w.labels.role, text: t(c.role) }] : []),
      ...c.addresses.map((a) => ({ term: w.labels.address, text: w.address(a) })),
      ...(c.email ? [{ term: w.labels.email, text: c.email }] : []),
      ...(c.phone ? [{ term: w.labels.phone, text: c.phone }] : []),
      ...(c.website ? [{ term: w.labels.website, text: c.website }] : []),
      ...(c.representatives.length ? [{ term: w.labels.board, text: c.representatives.join(', ') }] : []),
    ]);
  }
  if (reg.jointArrangement) p(w.joint(t(reg.jointArrangement)));

  h2(w.headings.contact);
  const dpo = reg.dataProtectionContact;
  let contactItems: ListItem[] = [
    ...(dpo.name ? [{ text: t(dpo.name) }] : []),
    ...(dpo.email ? [{ term: w.labels.email, text: dpo.email }] : []),
    ...(dpo.phone ? [{ term: w.labels.phone, text: dpo.phone }] : []),
    ...(dpo.address ? [{ term: w.labels.address, text: w.address(dpo.address) }] : []),
  ];
  // No separate contact: the (first) controller's own; never an introduction to nothing.
  const first = reg.controllers[0]!;
  if (contactItems.length === 0)
    contactItems = [
      ...(first.email ? [{ term: w.labels.email, text: first.email }] : []),
      ...(first.phone ? [{ term: w.labels.phone, text: first.phone }] : []),
      ...first.addresses.slice(0, 1).map((a) => ({ term: w.labels.address, text: w.address(a) })),
    ];
  if (contactItems.length) {
    p(w.dpoIntro);
    list(contactItems);
  }

  h2(w.headings.subjects);
  p(w.subjectsIntro);
  list(reg.subjects.map((s) => ({ term: t(s.name), text: t(s.description) })));

  h2(w.headings.sources);
  p(w.sourcesIntro);
  list(reg.sources.map((s) => ({ term: t(s.name), text: t(s.description) })));

  h2(w.headings.categories);
  p(w.categoriesIntro);
  list(
    reg.categories.map((c) => ({
      term: t(c.name),
      text: [c.special ? `(${w.labels.specialMark})` : '', t(c.description)].filter(Boolean).join(' '),
    })),
  );

  h2(w.headings.purposes);
  p(w.purposesIntro);
  for (const basis of basisOrder) {
    const group = reg.purposes.filter((x) => basisLetters(x)[0] === basis);
    if (group.length === 0) continue;
    blocks.push({ type: 'heading', level: 3, text: w.basisGroup(basis) });
    // The note on legitimate interest offers objection: not where the law also requires the processing.
    if (basis !== 'f' || group.every((x) => purposeRights(x).object)) p(w.basisGroupNote[basis] ?? '');
    for (const purpose of group) purposeBlocks(purpose);
  }
  blocks.push(...cookieBlocks(reg, lang, w, t));

  function purposeBlocks(x: Purpose) {
    blocks.push({ type: 'paragraph', text: t(x.name), strong: true });
    if (x.description) p(sentence(t(x.description)));
    const items: ListItem[] = [];
    if (reg.controllers.length > 1) {
      const who = x.controllers.length ? x.controllers.map((k) => controllers.get(k)!.name) : names;
      items.push({ term: w.labels.controllers, text: who.join(', ') });
    }
    if (x.activities.length) items.push({ term: w.labels.activities, text: x.activities.map(t).join('; ') });
    items.push({ term: w.labels.categories, text: x.categories.map((k) => t(categories.get(k)!.name)).join(', ') });
    // Each basis with what it covers and its law, when the register says so.
    items.push({
      term: w.labels.basis,
      text: basesOf(x)
        .map((b) =>
          [`${w.basisName[b.basis]} (${w.cite6(b.basis)})`, t(b.scope), t(b.legalSource)].filter(Boolean).join(': '),
        )
        .join('; '),
    });
    const conditions = conditionsOf(x);
    if (conditions.length)
      items.push({
        term: w.labels.special,
        text: conditions.map((c) => `${w.specialName[c]} (${w.cite9(c)})`).join('; '),
      });
    if (x.legalSource) items.push({ term: w.labels.legalSource, text: t(x.legalSource) });
    if (x.legitimateInterest)
      // Objection is offered only where the bases allow it (not where the law requires the processing).
      items.push({
        term: w.labels.interest,
        text: purposeRights(x).object
          ? `${sentence(t(x.legitimateInterest))} ${w.objectionNote}`
          : sentence(t(x.legitimateInterest)),
      });
    if (x.consentText) items.push({ term: w.labels.consent, text: `${sentence(t(x.consentText))} ${w.consentNote}` });
    if (x.recipients.length)
      items.push({ term: w.labels.recipients, text: x.recipients.map((k) => t(recipients.get(k)!.name)).join(', ') });
    list(items);
  }

  h2(w.headings.recipients);
  p(w.recipientsIntro);
  const recipientItem = (r: Register['recipients'][number]): ListItem => {
    const country = r.country ?? reg.country;
    const facts = w.recipientFacts({
      role: r.role,
      registryCode: r.registryCode,
      country,
      foreign: country !== reg.country,
      contractDate: r.contractDate,
    });
    return {
      term: t(r.name),
      text: [
        facts ? `(${facts})` : '',
        t(r.description),
        r.legalSource ? `${w.labels.legalSource}: ${t(r.legalSource)}` : '',
      ]
        .filter(Boolean)
        .join(' '),
    };
  };
  const processors = reg.recipients.filter((r) => r.role === 'processor');
  const others = reg.recipients.filter((r) => r.role !== 'processor');
  if (processors.length) {
    blocks.push({ type: 'heading', level: 3, text: w.headings.processors });
    p(w.processorsNote);
    list(processors.map(recipientItem));
  }
  if (others.length) {
    blocks.push({ type: 'heading', level: 3, text: w.headings.thirdParties });
    p(w.thirdPartiesNote);
    list(others.map(recipientItem));
  }

  h2(w.headings.transfers);
  const transfers = reg.recipients.flatMap((r) => (r.transfer === 'none' ? [] : [{ r, tr: r.transfer }]));
  if (transfers.length === 0) p(w.transfersNone);
  else
    list(
      transfers.map(({ r, tr }) => ({
        text: `${w.transfer(t(r.name), tr.country, tr.safeguard)} ${t(tr.details)}`.trim(),
      })),
    );

  h2(w.headings.retention);
  p(w.retentionIntro);
  blocks.push({
    type: 'table',
    head: [...w.retentionHead],
    rows: reg.retention.map((r) => [
      r.name ? `${t(r.name)} (${t(categories.get(r.category)!.name)})` : t(categories.get(r.category)!.name),
      [w.period(r.period), 'until' in r.period || !r.from ? '' : w.from[r.from]].filter(Boolean).join(' '),
      r.automatic ? w.automaticNote : w.end[r.end],
      t(r.legalSource),
    ]),
  });
  if (reg.retention.some((r) => r.end === 'anonymise')) p(w.anonymiseNote);

  h2(w.headings.security);
  p(reg.security ? sentence(t(reg.security)) : w.securityDefault);

  h2(w.headings.rights);
  p(w.rightsIntro);
  // Only the rights some purpose gives, and only the ways of withdrawal the clinic really offers.
  const rights = reg.purposes.map(purposeRights);
  const ways = {
    portal: reg.requestChannels.some((c) => c.kind === 'portal'),
    // Hoidja puts a one-click withdrawal link in every message sent on consent: a consent purpose using contact details.
    link: reg.purposes.some(
      (x) =>
        purposeRights(x).withdraw &&
        x.categories.some((k) => categories.get(k)?.catalogue.some((c) => c === 'contact')),
    ),
  };
  list(
    rightOrder
      .filter((k) =>
        k === 'withdrawal' ? rights.some((r) => r.withdraw) : k === 'objection' ? rights.some((r) => r.object) : true,
      )
      .map((k) => ({ term: w.rights[k][0], text: k === 'withdrawal' ? w.withdrawal(ways) : w.rights[k][1] })),
  );

  h2(w.headings.exercise);
  p(w.exerciseIntro);
  list(
    reg.requestChannels.map((c) => {
      const addr = c.address ? w.address(c.address) : (c.email ?? '');
      return { text: [w.channel(c, addr), t(c.label)].filter(Boolean).join(' – ') };
    }),
  );
  const handling = reg.requestHandling;
  p(handling ? w.identityBy(handling.identity) : w.identity);

  h2(w.headings.answer);
  // The clinic's own answer time and ways when its register states them; else the GDPR's month.
  p(handling?.answerDays ? w.answerWithin(handling.answerDays) : w.answer[0]!);
  p(w.answer[1]!);
  p(handling ? w.answerBy(handling.answerBy) : w.answer[2]!);
  p(w.refusal);

  h2(w.headings.complaints);
  const mail = dpo.email ?? reg.controllers[0]!.email ?? '';
  for (const s of w.complaints(supervisoryAuthorities[reg.country], mail)) p(s);

  h2(w.headings.changes);
  p(w.changes);

  return { lang, title, blocks };
}
