import { countryName, orList, type Wording } from './notice.wording';

const countries: Record<string, string> = {
  EE: 'Eesti',
  LV: 'Läti',
  LT: 'Leedu',
  FI: 'Soome',
  SE: 'Rootsi',
  DE: 'Saksamaa',
};
const languages = { et: 'eesti', lv: 'läti', en: 'inglise', ru: 'vene' };

export const et: Wording = {
  lang: 'et',
  fallback: (from) => `[${languages[from]} keeles]`,
  title: 'Isikuandmete töötlemise teave',
  subtitle: (c, pl) => `Kuidas ${c} isikuandmeid ${pl ? 'töötlevad' : 'töötleb'}`,
  date: (iso) => iso.split('-').reverse().join('.'),
  updated: (d) => `Viimati muudetud ${d}.`,
  version: (n, d) => `Versioon ${n}, avaldatud ${d}.`,
  headings: {
    controller: '1. Vastutav töötleja',
    contact: '2. Andmekaitsealane kontakt',
    subjects: '3. Kelle andmeid töötleme',
    sources: '4. Kust andmed pärinevad',
    categories: '5. Milliseid andmeid töötleme',
    purposes: '6. Töötlemise eesmärgid ja õiguslikud alused',
    recipients: '7. Andmete edastamine',
    processors: 'Volitatud töötlejad',
    thirdParties: 'Muud vastuvõtjad',
    transfers: '8. Andmete edastamine väljapoole Euroopa Liitu ja Euroopa Majanduspiirkonda',
    retention: '9. Andmete säilitamine',
    security: '10. Andmete kaitse',
    rights: '11. Teie õigused',
    exercise: '12. Kuidas oma õigusi kasutada',
    answer: '13. Vastamise tähtaeg',
    complaints: '14. Kaebuse esitamine',
    changes: '15. Teabe muutmine',
  },
  intro: (c, pl) =>
    `Käesolev teave selgitab, kuidas ${c} (edaspidi „meie“) ${pl ? 'töötlevad' : 'töötleb'} patsientide ja teiste isikute isikuandmeid kooskõlas Euroopa Parlamendi ja nõukogu määrusega (EL) 2016/679 (isikuandmete kaitse üldmäärus, edaspidi IKÜM), isikuandmete kaitse seaduse ning tervishoiuteenuste korraldamise seadusega. Oleme teie isikuandmete vastutav töötleja.`,
  controllerLine: (name, code, country) =>
    `${name}, ${country === 'LV' ? 'registreerimisnumber' : 'registrikood'} ${code}`,
  labels: {
    address: 'Aadress',
    email: 'E-post',
    phone: 'Telefon',
    website: 'Veebileht',
    board: 'Juhatuse liikmed',
    tradeName: 'Tegutseb nime all',
    role: 'Tegevus',
    activities: 'Tegevused',
    categories: 'Andmed',
    basis: 'Õiguslik alus',
    special: 'Terviseandmete ja muude eriliigiliste andmete töötlemise alus',
    interest: 'Meie õigustatud huvi',
    consent: 'Nõusoleku sisu',
    legalSource: 'Õigusakt',
    recipients: 'Vastuvõtjad',
    controllers: 'Vastutav töötleja',
    subjects: 'Andmesubjektid',
    sources: 'Allikad',
    specialMark: 'eriliigilised isikuandmed',
  },
  joint: (a) =>
    `Eespool nimetatud ettevõtjad on IKÜM artikli 26 tähenduses kaasvastutavad töötlejad. Nende kokkuleppe põhiolemus: ${a} Oma õigusi võite kasutada iga nimetatud ettevõtja suhtes.`,
  dpoIntro: 'Isikuandmete töötlemist puudutavate küsimuste ja õiguste kasutamise taotlustega palume pöörduda:',
  subjectsIntro: 'Töötleme järgmiste isikute andmeid:',
  sourcesIntro: 'Saame isikuandmeid järgmistest allikatest:',
  categoriesIntro:
    'Töötleme järgmisi isikuandmete liike. Eriliigilisi isikuandmeid (eelkõige terviseandmeid) kaitseb IKÜM artikkel 9 ning neid töötleme üksnes allpool märgitud alusel.',
  purposesIntro:
    'Kogume isikuandmeid üksnes kindlaksmääratud ja õiguspärastel eesmärkidel ega töötle neid hiljem nende eesmärkidega vastuolus oleval viisil. Eesmärgid on allpool rühmitatud õigusliku aluse järgi.',
  basisGroup: (l) => `Töötlemine alusel: ${et.basisName[l]} (${et.cite6(l)})`,
  basisGroupNote: {
    a: 'Nõusoleku võite igal ajal tagasi võtta sama lihtsalt, kui selle andsite. Tagasivõtmine ei mõjuta enne seda toimunud töötlemise seaduslikkust.',
    f: 'Õigustatud huvi alusel töötleme andmeid, mida leping ega seadus otseselt ei nõua, kuid mis on märgitud huvi tõttu vajalikud. Teil on õigus küsida meilt selgitusi huvide kaalumise kohta ja esitada igal ajal töötlemise suhtes vastuväide (vt punkt 11).',
  },
  basisName: {
    a: 'nõusolek',
    b: 'lepingu sõlmimine ja täitmine',
    c: 'juriidilise kohustuse täitmine',
    d: 'eluliste huvide kaitse',
    e: 'avalikes huvides oleva ülesande täitmine',
    f: 'õigustatud huvi',
  },
  cite6: (l) => `IKÜM art 6 lg 1 p ${l}`,
  cite9: (l) => `IKÜM art 9 lg 2 p ${l}`,
  specialName: {
    a: 'teie sõnaselge nõusolek',
    b: 'töö- ja sotsiaalkaitseõigusest tulenevad kohustused',
    c: 'nõusolekuvõimetu isiku eluliste huvide kaitse',
    d: 'sihtasutuse või mittetulundusühingu õiguspärane tegevus',
    e: 'teie enda avalikustatud andmed',
    f: 'õigusnõuete koostamine, esitamine või kaitsmine',
    g: 'oluline avalik huvi',
    h: 'meditsiiniline diagnoosimine ja tervishoiuteenuse osutamine saladuse hoidmise kohustusega spetsialistide poolt',
    i: 'rahvatervis',
    j: 'arhiveerimine, teadus- ja ajaloouuringud ning statistika',
  },
  consentNote: 'Nõusoleku võite igal ajal tagasi võtta.',
  objectionNote: 'Teil on õigus esitada töötlemise suhtes vastuväide.',
  recipientsIntro:
    'Avalikustame ja edastame isikuandmeid üksnes ulatuses, mis on eespool nimetatud eesmärkide saavutamiseks vajalik.',
  processorsNote:
    'Volitatud töötlejad töötlevad isikuandmeid üksnes meie dokumenteeritud juhiste alusel IKÜM artikli 28 nõuetele vastava lepingu kohaselt ning rakendavad asjakohaseid turvameetmeid.',
  thirdPartiesNote:
    'Need vastuvõtjad töötlevad saadud andmeid iseseisvate vastutavate töötlejatena seaduse või teiega sõlmitud lepingu alusel.',
  recipientFacts(f) {
    const role = {
      processor: '',
      independent_controller: 'iseseisev vastutav töötleja',
      public_authority: 'avaliku võimu asutus',
      joint_controller: 'kaasvastutav töötleja',
    }[f.role];
    return [
      role,
      f.registryCode ? `registrikood ${f.registryCode}` : '',
      f.foreign ? countryName('et', f.country) : '',
      f.contractDate ? `isikuandmete töötlemise leping ${this.date(f.contractDate)}` : '',
    ]
      .filter(Boolean)
      .join(', ');
  },
  transfersNone:
    'Me ei edasta isikuandmeid väljapoole Euroopa Liitu ega Euroopa Majanduspiirkonda. Kui edastamine peaks osutuma vajalikuks, toimub see üksnes õigusliku aluse olemasolul ja IKÜM V peatükis nõutud kaitsemeetmeid rakendades.',
  transfer: (r, c, s) =>
    `${r} saab andmeid riigis ${countries[c] ?? countryName('et', c)}; kaitsemeede: ${{ adequacy_decision: 'Euroopa Komisjoni otsus piisava kaitsetaseme kohta', standard_clauses: 'Euroopa Komisjoni vastu võetud lepingu tüüptingimused', binding_corporate_rules: 'siduvad kontsernisisesed eeskirjad', derogation: 'IKÜM artiklis 49 sätestatud erand' }[s]}.`,
  retentionIntro:
    'Säilitame isikuandmeid üksnes seni, kuni see on vajalik kogumise eesmärgi saavutamiseks või kuni seda nõuab seadus.',
  retentionHead: ['Andmed', 'Säilitamise tähtaeg', 'Tähtaja möödumisel', 'Alus'],
  period: (p) => {
    if ('years' in p) return `${p.years} ${p.years === 1 ? 'aasta' : 'aastat'}`;
    if ('months' in p) return `${p.months} ${p.months === 1 ? 'kuu' : 'kuud'}`;
    if ('days' in p) return `${p.days} ${p.days === 1 ? 'päev' : 'päeva'}`;
    return {
      purpose_achieved: 'kuni eesmärgi saavutamiseni',
      consent_withdrawn: 'kuni nõusoleku tagasivõtmiseni',
      contract_ended: 'kuni lepingu lõppemiseni',
      claim_time_barred: 'kuni nõuete aegumiseni',
    }[p.until];
  },
  from: {
    service_date: 'teenuse osutamisest',
    birth_date: 'patsiendi sünnist',
    document_date: 'dokumendi koostamisest',
    end_of_financial_year: 'majandusaasta lõpust',
    collection: 'andmete kogumisest',
    last_visit: 'viimasest visiidist',
    contract_end: 'lepingu lõppemisest',
    recording: 'salvestamisest',
    event: 'ürituse toimumisest',
  },
  end: { delete: 'kustutatakse', anonymise: 'anonüümitakse', archive: 'arhiveeritakse' },
  automaticNote: 'kustutatakse automaatselt, vanemad enne, välja arvatud juhtumi uurimiseks hoitavad salvestised',
  anonymiseNote:
    'Kui soovime andmeid hoida kauem, kui kogumise eesmärk nõuab, anonüümime need nii, et isik ei ole enam tuvastatav.',
  rightsIntro: 'IKÜM artiklite 15–22 alusel on teil järgmised õigused:',
  rights: {
    access: [
      'Õigus tutvuda andmetega',
      'saada teada, kas me teie andmeid töötleme, ning saada nendest koopia koos IKÜM artiklis 15 loetletud teabega (sh väljatrükid ja koopiad raviandmetest).',
    ],
    rectification: [
      'Õigus andmete parandamisele',
      'nõuda ebaõigete andmete parandamist ja puudulike andmete täiendamist.',
    ],
    erasure: [
      'Õigus andmete kustutamisele',
      'nõuda andmete kustutamist, kui neid ei ole enam vaja või neid töödeldakse ebaseaduslikult, välja arvatud juhul, kui seadus kohustab meid neid säilitama (nt raviandmed ja raamatupidamisdokumendid).',
    ],
    restriction: [
      'Õigus töötlemise piiramisele',
      'nõuda töötlemise piiramist ajaks, mil kontrollitakse andmete õigsust, kui töötlemine on ebaseaduslik, kuid te ei soovi andmete kustutamist, või kuni vastuväite läbivaatamiseni.',
    ],
    portability: [
      'Õigus andmete ülekandmisele',
      'saada enda esitatud ja nõusoleku või lepingu alusel töödeldavad andmed struktureeritud, üldkasutatavas ja masinloetavas vormingus ning nõuda nende edastamist teisele vastutavale töötlejale.',
    ],
    objection: [
      'Õigus esitada vastuväide',
      'esitada igal ajal oma eriolukorrast tulenevalt vastuväide õigustatud huvi alusel toimuvale töötlemisele ning põhjust esitamata otseturunduse suhtes. Sel juhul lõpetame töötlemise, kui me ei tõenda mõjuvaid õiguspäraseid põhjuseid või vajadust õigusnõuete kaitsmiseks.',
    ],
    withdrawal: [
      'Õigus nõusolek tagasi võtta',
      'võtta nõusolek igal ajal tagasi sama lihtsalt, kui see anti: patsiendiportaalis, iga meie saadetud sõnumi lingi kaudu või meile teatades. Tagasivõtmine jõustub kohe ega mõjuta varasema töötlemise seaduslikkust.',
    ],
    automated: [
      'Automatiseeritud otsused',
      'me ei tee teie kohta üksnes automatiseeritud töötlusel, sealhulgas profiilianalüüsil põhinevaid otsuseid.',
    ],
  },
  withdrawal: ({ portal, link }) => {
    const ways = [
      portal ? 'patsiendiportaalis' : '',
      link ? 'selle nõusoleku alusel saadetud sõnumites oleva lingi kaudu' : '',
      'meile teatades',
    ].filter(Boolean);
    const list = ways.length > 1 ? `${ways.slice(0, -1).join(', ')} või ${ways.at(-1)}` : ways[0];
    return `võtta nõusolek igal ajal tagasi sama lihtsalt, kui see anti: ${list}. Tagasivõtmine jõustub kohe ega mõjuta varasema töötlemise seaduslikkust.`;
  },
  exerciseIntro: 'Taotluse õiguste kasutamiseks või vastuväite võite esitada:',
  channel: (c, addr) =>
    ({
      on_site: `isiklikult või paberil allkirjastatult meie tööruumides: ${addr}`,
      post: `paberil allkirjastatult posti teel: ${addr}`,
      email: `${c.signature === 'digital' ? 'digitaalselt allkirjastatult ' : ''}e-posti aadressile ${c.email ?? addr}`,
      portal: 'patsiendiportaalis pärast sisselogimist',
    })[c.kind],
  identity:
    'Teie andmete kaitseks peame teid tuvastama. Võime paluda isikusamasuse kinnitamist; esindaja taotlusele tuleb lisada esindusõigust tõendav dokument.',
  identityBy: (ways) =>
    `Teie andmete kaitseks peame teid tuvastama: ${orList(
      ways.map(
        (w) =>
          ({
            in_person_id_document: 'kohapeal isikut tõendava dokumendiga (pass või ID-kaart)',
            qualified_e_signature: 'kvalifitseeritud digiallkirja (või ajatempliga) allkirjastatud taotlusega',
            portal_login: 'patsiendiportaali sisse logides',
          })[w],
      ),
      'või',
    )}. Esindaja taotlusele lisatakse esindusõigust tõendav dokument.`,
  answerWithin: (n) =>
    `Vastame taotlusele või vastuväitele põhjendamatu viivituseta, hiljemalt ${n} päeva jooksul selle saamisest.`,
  answerBy: (ways) =>
    `Vastuse saadame ${orList(
      ways.map(
        (w) =>
          ({
            email: 'e-posti teel',
            encrypted_email: 'krüpteeritud e-kirjaga',
            phone: 'telefoni teel',
            post: 'posti teel',
          })[w],
      ),
      'või',
    )}.`,
  answer: [
    'Vastame taotlusele või vastuväitele põhjendamatu viivituseta, kuid hiljemalt ühe kuu jooksul selle saamisest.',
    'Taotluse keerukust ja taotluste arvu arvestades võib seda tähtaega pikendada kahe kuu võrra. Sel juhul teatame teile pikendamisest ja viivituse põhjustest ühe kuu jooksul taotluse saamisest.',
    'Kui esitate taotluse elektrooniliselt, vastame elektrooniliselt, kui te ei soovi teisiti.',
  ],
  refusal:
    'Kui jätame taotluse rahuldamata (nt kui me ei suuda teid tuvastada või kui andmete väljastamine kahjustaks teiste isikute õigusi ja vabadusi, riigi julgeolekut või süütegude tõkestamist, avastamist või menetlemist), teatame teile põhjused ühe kuu jooksul ning selgitame õigust esitada kaebus järelevalveasutusele ja pöörduda kohtusse.',
  complaints: (a, mail) => [
    mail
      ? `Kui leiate, et teie isikuandmete töötlemisel on rikutud teie õigusi, palume esmalt pöörduda meie poole aadressil ${mail}.`
      : 'Kui leiate, et teie isikuandmete töötlemisel on rikutud teie õigusi, palume esmalt pöörduda meie poole.',
    `Teil on õigus esitada kaebus järelevalveasutusele – ${a.name.et}${a.name.et === a.officialName ? '' : ` (${a.officialName})`}, ${et.address({ ...a })}, e-post ${a.email}, ${a.website} – või pöörduda kohtusse.`,
  ],
  securityDefault:
    'Kaitseme isikuandmeid füüsiliste, tehniliste ja korralduslike meetmetega. Juurdepääs andmetele on üksnes neil, kellele see on töö tegemiseks vajalik, ning iga juurdepääs terviseandmetele logitakse.',
  changes:
    'Ajakohastame seda teavet, kui muutuvad õigusaktid, meie teenused või andmetöötlus. Varasemad versioonid teeme kättesaadavaks soovi korral; kehtiv versioon on alati avaldatud meie veebilehel.',
  // Each country's own order: "Tatari 39, 10134 Tallinn", "Elijas iela 17, Rīga, LV-1050, Läti".
  address: (a) =>
    `${a.street}, ${a.country === 'LV' ? `${a.city}, ${a.postalCode}` : `${a.postalCode} ${a.city}`}${a.country !== 'EE' ? `, ${countries[a.country] ?? countryName('et', a.country)}` : ''}`,
};
