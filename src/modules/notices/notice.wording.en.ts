import { countryName, orList, type Wording } from './notice.wording';

const countries: Record<string, string> = {
  EE: 'Estonia',
  LV: 'Latvia',
  LT: 'Lithuania',
  FI: 'Finland',
  SE: 'Sweden',
  DE: 'Germany',
};
const languages = { et: 'Estonian', lv: 'Latvian', en: 'English', ru: 'Russian' };

export const en: Wording = {
  lang: 'en',
  fallback: (from) => `[in ${languages[from]}]`,
  title: 'Privacy notice',
  subtitle: (c, pl) => `How ${c} ${pl ? 'process' : 'processes'} personal data`,
  date: (iso) => {
    const [y, m, d] = iso.split('-').map(Number);
    return `${d} ${['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][m! - 1]} ${y}`;
  },
  updated: (d) => `Last updated ${d}.`,
  version: (n, d) => `Version ${n}, published ${d}.`,
  headings: {
    controller: '1. Who we are',
    contact: '2. Data protection contact',
    subjects: '3. Whose data we process',
    sources: '4. Where the data come from',
    categories: '5. What data we process',
    purposes: '6. Why we process the data and on what legal basis',
    recipients: '7. Who receives the data',
    processors: 'Processors acting on our instructions',
    thirdParties: 'Other recipients',
    transfers: '8. Transfers outside the EU and EEA',
    retention: '9. How long we keep the data',
    security: '10. How we protect the data',
    rights: '11. Your rights',
    exercise: '12. How to exercise your rights',
    answer: '13. When we answer',
    complaints: '14. Complaints',
    changes: '15. Changes to this notice',
  },
  intro: (c, pl) =>
    `This notice explains how ${c} (“we”) ${pl ? 'process' : 'processes'} the personal data of patients and other persons in accordance with Regulation (EU) 2016/679 (the General Data Protection Regulation, “GDPR”) and the national law implementing it. We are the controller of your personal data.`,
  controllerLine: (name, code, country) =>
    `${name}, ${country === 'LV' ? 'registration number' : 'registry code'} ${code}`,
  labels: {
    address: 'Address',
    email: 'E-mail',
    phone: 'Phone',
    website: 'Website',
    board: 'Management board',
    tradeName: 'Trading as',
    role: 'Role',
    activities: 'What we do',
    categories: 'Data used',
    basis: 'Legal basis',
    special: 'Condition for health and other special-category data',
    interest: 'Our legitimate interest',
    consent: 'What you consent to',
    legalSource: 'Legal source',
    recipients: 'Recipients',
    controllers: 'Controller',
    subjects: 'Persons concerned',
    sources: 'Sources',
    specialMark: 'special category of data',
  },
  joint: (a) =>
    `The companies listed above are joint controllers within the meaning of Article 26 GDPR. The essence of their arrangement: ${a} You may exercise your rights against any of them.`,
  dpoIntro: 'Questions about the processing of personal data and requests to exercise your rights can be sent to:',
  subjectsIntro: 'We process the personal data of the following persons:',
  sourcesIntro: 'We obtain personal data from the following sources:',
  categoriesIntro:
    'We process the following categories of personal data. Data marked as a special category (in particular health data) are protected by Article 9 GDPR and are processed only under one of the conditions stated below.',
  purposesIntro:
    'We collect personal data only for specified and lawful purposes and do not process them later in a manner incompatible with those purposes. Below, the purposes are grouped by their legal basis.',
  basisGroup: (l) => `Processing based on ${en.basisName[l]} (${en.cite6(l)})`,
  basisGroupNote: {
    a: 'You may withdraw your consent at any time, as easily as you gave it. The withdrawal does not affect the lawfulness of processing before it.',
    f: 'Processing on the basis of legitimate interest is not required by the contract or by law, but is necessary for the interest stated. You may ask us for an explanation of our assessment and object to the processing at any time (see section 11).',
  },
  basisName: {
    a: 'your consent',
    b: 'the performance of a contract with you or steps taken at your request before entering into it',
    c: 'compliance with a legal obligation',
    d: 'the protection of vital interests',
    e: 'the performance of a task carried out in the public interest',
    f: 'our legitimate interests',
  },
  cite6: (l) => `Art. 6(1)(${l}) GDPR`,
  cite9: (l) => `Art. 9(2)(${l}) GDPR`,
  specialName: {
    a: 'your explicit consent',
    b: 'obligations in the field of employment and social security law',
    c: 'vital interests of a person unable to consent',
    d: 'legitimate activities of a foundation or non-profit body',
    e: 'data manifestly made public by you',
    f: 'the establishment, exercise or defence of legal claims',
    g: 'substantial public interest',
    h: 'medical diagnosis and the provision of health care by professionals bound by secrecy',
    i: 'public health',
    j: 'archiving, scientific or historical research and statistics',
  },
  consentNote: 'You may withdraw this consent at any time.',
  objectionNote: 'You may object to this processing.',
  recipientsIntro: 'We disclose personal data only to the extent necessary for the purposes above.',
  processorsNote:
    'Processors process personal data only on our documented instructions under a contract that meets Article 28 GDPR, and apply appropriate security measures.',
  thirdPartiesNote:
    'These recipients process the data they receive as controllers in their own right, on the basis of law or of their contract with you.',
  recipientFacts(f) {
    const role = {
      processor: '',
      independent_controller: 'an independent controller',
      public_authority: 'a public authority',
      joint_controller: 'a joint controller',
    }[f.role];
    return [
      role,
      f.registryCode ? `registry code ${f.registryCode}` : '',
      f.foreign ? countryName('en', f.country) : '',
      f.contractDate ? `processing agreement of ${this.date(f.contractDate)}` : '',
    ]
      .filter(Boolean)
      .join(', ');
  },
  transfersNone:
    'We do not transfer personal data outside the European Union or the European Economic Area. Should a transfer become necessary, it will take place only on a lawful basis and with the safeguards required by Chapter V GDPR.',
  transfer: (r, c, s) =>
    `${r} receives data in ${countries[c] ?? countryName('en', c)}; safeguard: ${{ adequacy_decision: 'an adequacy decision of the European Commission', standard_clauses: 'standard contractual clauses adopted by the European Commission', binding_corporate_rules: 'binding corporate rules', derogation: 'a derogation under Article 49 GDPR' }[s]}.`,
  retentionIntro:
    'We keep personal data no longer than necessary for the purpose for which they were collected, or for the period required by law.',
  retentionHead: ['Data', 'Retention period', 'At the end', 'Legal source'],
  period: (p) => {
    if ('years' in p) return `${p.years} ${p.years === 1 ? 'year' : 'years'}`;
    if ('months' in p) return `${p.months} ${p.months === 1 ? 'month' : 'months'}`;
    if ('days' in p) return `${p.days} ${p.days === 1 ? 'day' : 'days'}`;
    return {
      purpose_achieved: 'until the purpose is achieved',
      consent_withdrawn: 'until the consent is withdrawn',
      contract_ended: 'until the contract ends',
      claim_time_barred: 'until claims become time-barred',
    }[p.until];
  },
  from: {
    service_date: 'from the date of the service',
    birth_date: "from the patient's birth",
    document_date: 'from the date of the document',
    end_of_financial_year: 'from the end of the financial year',
    collection: 'from collection',
    last_visit: 'from the last visit',
    contract_end: 'from the end of the contract',
    recording: 'from recording',
    event: 'from the event',
  },
  end: { delete: 'deleted', anonymise: 'anonymised', archive: 'archived' },
  automaticNote: 'deleted automatically, oldest first, unless kept for an incident',
  anonymiseNote:
    'Where we wish to keep data for longer than the purpose requires, we anonymise them so that the person can no longer be identified.',
  rightsIntro: 'Under Articles 15 to 22 GDPR you have the following rights:',
  rights: {
    access: [
      'Right of access',
      'to know whether we process your data and to receive a copy of them, together with the information listed in Article 15 GDPR (including printouts and copies of your treatment records).',
    ],
    rectification: ['Right to rectification', 'to have inaccurate data corrected and incomplete data completed.'],
    erasure: [
      'Right to erasure',
      'to have your data deleted when they are no longer needed or are processed unlawfully, unless the law obliges us to keep them (for example treatment records and accounting documents).',
    ],
    restriction: [
      'Right to restriction',
      'to have the processing restricted while the accuracy of the data is being checked, when the processing is unlawful but you do not want the data erased, or while an objection is being assessed.',
    ],
    portability: [
      'Right to data portability',
      'to receive the data you have given us, processed on the basis of consent or contract, in a structured, commonly used and machine-readable format, and to have them transmitted to another controller.',
    ],
    objection: [
      'Right to object',
      'to object at any time to processing based on our legitimate interest, on grounds relating to your particular situation, and without any reason to direct marketing. We then stop unless we demonstrate compelling legitimate grounds or need the data for legal claims.',
    ],
    withdrawal: [
      'Right to withdraw consent',
      'to withdraw a consent at any time, as easily as it was given: through the patient portal, the link in any message we send, or by telling us. The withdrawal takes effect immediately and does not affect earlier processing.',
    ],
    automated: [
      'Automated decisions',
      'we do not take decisions about you based solely on automated processing, including profiling.',
    ],
  },
  withdrawal: ({ portal, link }) => {
    const ways = [
      portal ? 'in the patient portal' : '',
      link ? 'through the link in the messages we send on the basis of that consent' : '',
      'by telling us',
    ].filter(Boolean);
    const list = ways.length > 1 ? `${ways.slice(0, -1).join(', ')} or ${ways.at(-1)}` : ways[0];
    return `to withdraw a consent at any time, as easily as it was given: ${list}. The withdrawal takes effect immediately and does not affect earlier processing.`;
  },
  exerciseIntro: 'A request to exercise your rights or an objection can be submitted:',
  channel: (c, addr) =>
    ({
      on_site: `in person or signed on paper at our premises: ${addr}`,
      post: `signed on paper by post: ${addr}`,
      email: `${c.signature === 'digital' ? 'digitally signed ' : ''}by e-mail to ${c.email ?? addr}`,
      portal: 'through the patient portal after logging in',
    })[c.kind],
  identity:
    'To protect your data we must be able to identify you. We may ask you to confirm your identity; a request from a representative must show the right of representation.',
  identityBy: (ways) =>
    `To protect your data we must identify you: ${orList(
      ways.map(
        (w) =>
          ({
            in_person_id_document: 'in person, with a passport or ID card',
            qualified_e_signature: 'by a request signed with a qualified electronic signature (or time stamp)',
            portal_login: 'by signing in to the patient portal',
          })[w],
      ),
      'or',
    )}. A representative's request comes with the document that shows the right of representation.`,
  answerWithin: (n) =>
    `We answer a request or objection without undue delay, at the latest within ${n} ${n === 1 ? 'day' : 'days'} of receiving it.`,
  answerBy: (ways) =>
    `We send the answer ${orList(
      ways.map(
        (w) => ({ email: 'by e-mail', encrypted_email: 'by encrypted e-mail', phone: 'by phone', post: 'by post' })[w],
      ),
      'or',
    )}.`,
  answer: [
    'We answer a request or an objection without undue delay and at the latest within one month of receiving it.',
    'Taking into account the complexity and number of requests, this period may be extended by two further months. In that case we tell you within one month of receiving the request, giving the reasons for the delay.',
    'If you submit the request electronically, we answer electronically unless you ask otherwise.',
  ],
  refusal:
    'If we do not take action on your request (for example because we cannot identify you, or because disclosure would harm the rights and freedoms of others, national security, or the prevention, detection or prosecution of crime), we tell you the reasons within one month and explain your right to complain to the supervisory authority and to seek a judicial remedy.',
  complaints: (a, mail) => [
    mail
      ? `If you believe that the processing of your personal data infringes your rights, please contact us first at ${mail}.`
      : 'If you believe that the processing of your personal data infringes your rights, please contact us first.',
    `You also have the right to lodge a complaint with the supervisory authority, the ${a.name.en} (${a.officialName}), ${en.address({ ...a })}, e-mail ${a.email}, ${a.website}, or to apply to a court.`,
  ],
  securityDefault:
    'We protect personal data by physical, technical and organisational measures. Access to the data is limited to those who need them for their work, and every access to health data is logged.',
  changes:
    'We update this notice when the law, our services or our processing change. Earlier versions are available on request; the current version is always published on our website.',
  // Each country's own order: "Tatari 39, 10134 Tallinn", "Elijas iela 17, Rīga, LV-1050".
  address: (a) =>
    `${a.street}, ${a.country === 'LV' ? `${a.city}, ${a.postalCode}` : `${a.postalCode} ${a.city}`}${a.country !== 'EE' && a.country !== 'LV' ? `, ${countries[a.country] ?? countryName('en', a.country)}` : ''}`,
};
