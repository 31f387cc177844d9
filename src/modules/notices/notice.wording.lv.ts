import { countryName, lvPlural, orList, type Wording } from './notice.wording';

const countryNames: Record<string, string> = {
  EE: 'Igaunija',
  LV: 'Latvija',
  LT: 'Lietuva',
  FI: 'Somija',
  SE: 'Zviedrija',
  DE: 'Vācija',
};
const languages = { et: 'igauņu', lv: 'latviešu', en: 'angļu', ru: 'krievu' };

export const lv: Wording = {
  lang: 'lv',
  fallback: (from) => `[${languages[from]} valodā]`,
  title: 'Paziņojums par personas datu apstrādi',
  subtitle: (c, _pl) => `Kā ${c} apstrādā personas datus`,
  date: (iso) => `${iso.split('-').reverse().join('.')}.`,
  updated: (d) => `Pēdējo reizi atjaunināts ${d}`, // the date already ends with a full stop
  version: (n, d) => `${n}. versija, publicēta ${d}`,
  headings: {
    controller: '1. Pārzinis',
    contact: '2. Kontaktpersona datu aizsardzības jautājumos',
    subjects: '3. Kuru personu datus mēs apstrādājam',
    sources: '4. No kurienes mēs iegūstam datus',
    categories: '5. Kādus datus mēs apstrādājam',
    purposes: '6. Apstrādes nolūki un tiesiskais pamats',
    recipients: '7. Datu saņēmēji',
    processors: 'Apstrādātāji, kas darbojas pēc mūsu norādījumiem',
    thirdParties: 'Citi saņēmēji',
    transfers: '8. Datu nosūtīšana ārpus ES un EEZ',
    retention: '9. Datu glabāšanas termiņi',
    security: '10. Datu aizsardzība',
    rights: '11. Jūsu tiesības',
    exercise: '12. Kā īstenot savas tiesības',
    answer: '13. Atbildes termiņš',
    complaints: '14. Sūdzības',
    changes: '15. Paziņojuma grozījumi',
  },
  intro: (c, _pl) =>
    `Šajā paziņojumā skaidrots, kā ${c} (turpmāk – “mēs”) apstrādā pacientu un citu personu datus saskaņā ar Eiropas Parlamenta un Padomes Regulu (ES) 2016/679 (Vispārīgā datu aizsardzības regula, turpmāk – VDAR) un to īstenojošajiem valsts tiesību aktiem. Mēs esam jūsu personas datu pārzinis.`,
  controllerLine: (name, code, country) =>
    `${name}, ${country === 'EE' ? 'reģistra kods' : 'reģistrācijas numurs'} ${code}`,
  labels: {
    address: 'Adrese',
    email: 'E-pasts',
    phone: 'Tālrunis',
    website: 'Tīmekļvietne',
    board: 'Valdes locekļi',
    tradeName: 'Darbojas ar nosaukumu',
    role: 'Darbība',
    activities: 'Darbības',
    categories: 'Izmantotie dati',
    basis: 'Tiesiskais pamats',
    special: 'Veselības un citu īpašu kategoriju datu apstrādes nosacījums',
    interest: 'Mūsu leģitīmās intereses',
    consent: 'Piekrišanas saturs',
    legalSource: 'Tiesību akts',
    recipients: 'Saņēmēji',
    controllers: 'Pārzinis',
    subjects: 'Datu subjekti',
    sources: 'Avoti',
    specialMark: 'īpašas kategorijas dati',
  },
  joint: (a) =>
    `Iepriekš minētie uzņēmumi ir kopīgi pārziņi VDAR 26. panta izpratnē. To vienošanās būtība: ${a} Savas tiesības varat īstenot attiecībā pret jebkuru no tiem.`,
  dpoIntro: 'Ar jautājumiem par personas datu apstrādi un pieprasījumiem īstenot savas tiesības lūdzam vērsties:',
  subjectsIntro: 'Mēs apstrādājam šādu personu datus:',
  sourcesIntro: 'Personas datus mēs iegūstam no šādiem avotiem:',
  categoriesIntro:
    'Mēs apstrādājam šādu kategoriju personas datus. Īpašu kategoriju datus (jo īpaši veselības datus) aizsargā VDAR 9. pants, un tos apstrādājam tikai tad, ja ir izpildīts kāds no turpmāk norādītajiem nosacījumiem.',
  purposesIntro:
    'Mēs vācam personas datus tikai konkrētiem un likumīgiem nolūkiem un turpmāk tos neapstrādājam ar šiem nolūkiem nesavietojamā veidā. Nolūki turpmāk sagrupēti pēc tiesiskā pamata.',
  // "pamatojoties uz" takes the accusative (singular) or the dative (plural): "uz jūsu piekrišanu".
  basisGroup: (l) =>
    `Apstrāde, pamatojoties uz ${
      {
        a: 'jūsu piekrišanu',
        b: 'līguma noslēgšanu un izpildi',
        c: 'juridiska pienākuma izpildi',
        d: 'vitālu interešu aizsardzību',
        e: 'sabiedrības interesēs veicamu uzdevumu',
        f: 'mūsu leģitīmajām interesēm',
      }[l]
    } (${lv.cite6(l)})`,
  basisGroupNote: {
    a: 'Piekrišanu varat atsaukt jebkurā laikā tikpat vienkārši, kā to devāt. Atsaukums neietekmē pirms tā veiktās apstrādes likumību.',
    f: 'Leģitīmo interešu dēļ mēs apstrādājam datus, kas nav tieši nepieciešami līguma izpildei vai likuma prasību izpildei, taču ir vajadzīgi norādīto interešu dēļ. Jums ir tiesības lūgt mums skaidrojumu par interešu izvērtējumu un jebkurā laikā iebilst pret apstrādi (skatīt 11. sadaļu).',
  },
  basisName: {
    a: 'jūsu piekrišana',
    b: 'līguma noslēgšana un izpilde',
    c: 'juridiska pienākuma izpilde',
    d: 'vitālu interešu aizsardzība',
    e: 'sabiedrības interesēs veicams uzdevums',
    f: 'mūsu leģitīmās intereses',
  },
  cite6: (l) => `VDAR 6. panta 1. punkta ${l}) apakšpunkts`,
  cite9: (l) => `VDAR 9. panta 2. punkta ${l}) apakšpunkts`,
  specialName: {
    a: 'jūsu nepārprotama piekrišana',
    b: 'pienākumi nodarbinātības un sociālās aizsardzības tiesību jomā',
    c: 'tādas personas vitālās intereses, kura nespēj dot piekrišanu',
    d: 'nodibinājuma vai bezpeļņas organizācijas likumīgas darbības',
    e: 'dati, ko esat atklāti publiskojis pats',
    f: 'likumīgu prasību celšana, īstenošana vai aizstāvēšana',
    g: 'būtiskas sabiedrības intereses',
    h: 'medicīniskā diagnostika un veselības aprūpe, ko veic speciālisti, uz kuriem attiecas dienesta noslēpuma pienākums',
    i: 'sabiedrības veselība',
    j: 'arhivēšana, zinātniskā vai vēstures pētniecība un statistika',
  },
  consentNote: 'Šo piekrišanu varat atsaukt jebkurā laikā.',
  objectionNote: 'Jums ir tiesības iebilst pret šo apstrādi.',
  recipientsIntro:
    'Personas datus mēs izpaužam tikai tiktāl, ciktāl tas nepieciešams iepriekš minēto nolūku sasniegšanai.',
  processorsNote:
    'Apstrādātāji apstrādā personas datus tikai saskaņā ar mūsu dokumentētiem norādījumiem un līgumu, kas atbilst VDAR 28. pantam, un piemēro atbilstošus drošības pasākumus.',
  thirdPartiesNote:
    'Šie saņēmēji saņemtos datus apstrādā kā patstāvīgi pārziņi, pamatojoties uz likumu vai līgumu ar jums.',
  recipientFacts(f) {
    const role = {
      processor: '',
      independent_controller: 'neatkarīgs pārzinis',
      public_authority: 'valsts iestāde',
      joint_controller: 'kopīgs pārzinis',
    }[f.role];
    return [
      role,
      f.registryCode ? `${f.country === 'EE' ? 'reģistra kods' : 'reģistrācijas numurs'} ${f.registryCode}` : '',
      f.foreign ? countryName('lv', f.country) : '',
      f.contractDate ? `datu apstrādes līgums no ${this.date(f.contractDate)}` : '',
    ]
      .filter(Boolean)
      .join(', ');
  },
  transfersNone:
    'Mēs nenosūtām personas datus ārpus Eiropas Savienības vai Eiropas Ekonomikas zonas. Ja tas kļūtu nepieciešams, nosūtīšana notiks tikai ar tiesisku pamatu un piemērojot VDAR V nodaļā prasītās garantijas.',
  transfer: (r, c, s) =>
    `${r} saņem datus valstī: ${countryNames[c] ?? countryName('lv', c)}; garantija: ${{ adequacy_decision: 'Eiropas Komisijas lēmums par aizsardzības līmeņa pietiekamību', standard_clauses: 'Eiropas Komisijas pieņemtās līguma standartklauzulas', binding_corporate_rules: 'saistoši uzņēmuma noteikumi', derogation: 'VDAR 49. pantā paredzēts izņēmums' }[s]}.`,
  retentionIntro:
    'Mēs glabājam personas datus tikai tik ilgi, cik nepieciešams to vākšanas nolūka sasniegšanai vai cik ilgi to prasa tiesību akti.',
  retentionHead: ['Dati', 'Glabāšanas termiņš', 'Pēc termiņa beigām', 'Pamats'],
  period: (p) => {
    if ('years' in p) return `${p.years} ${lvPlural(p.years, 'gadu', 'gadus')}`;
    if ('months' in p) return `${p.months} ${lvPlural(p.months, 'mēnesi', 'mēnešus')}`;
    if ('days' in p) return `${p.days} ${lvPlural(p.days, 'dienu', 'dienas')}`;
    return {
      purpose_achieved: 'līdz nolūka sasniegšanai',
      consent_withdrawn: 'līdz piekrišanas atsaukšanai',
      contract_ended: 'līdz līguma izbeigšanai',
      claim_time_barred: 'līdz prasījumu noilgumam',
    }[p.until];
  },
  from: {
    service_date: 'no pakalpojuma sniegšanas dienas',
    birth_date: 'no pacienta dzimšanas dienas',
    document_date: 'no dokumenta sagatavošanas dienas',
    end_of_financial_year: 'no pārskata gada beigām',
    collection: 'no datu iegūšanas',
    last_visit: 'no pēdējā apmeklējuma',
    contract_end: 'no līguma izbeigšanās',
    recording: 'no ieraksta izdarīšanas',
    event: 'no pasākuma dienas',
  },
  end: { delete: 'dzēš', anonymise: 'anonimizē', archive: 'arhivē' },
  automaticNote: 'dzēš automātiski, sākot ar vecākajiem, ja vien ieraksts netiek saglabāts incidenta izmeklēšanai',
  anonymiseNote:
    'Ja vēlamies datus glabāt ilgāk, nekā to prasa vākšanas nolūks, mēs tos anonimizējam tā, ka personu vairs nav iespējams identificēt.',
  rightsIntro: 'Saskaņā ar VDAR 15.–22. pantu jums ir šādas tiesības:',
  rights: {
    access: [
      'Piekļuves tiesības',
      'uzzināt, vai mēs apstrādājam jūsu datus, un saņemt to kopiju kopā ar VDAR 15. pantā minēto informāciju (tostarp izdrukas un kopijas no ārstniecības dokumentiem).',
    ],
    rectification: ['Tiesības labot datus', 'pieprasīt neprecīzu datu labošanu un nepilnīgu datu papildināšanu.'],
    erasure: [
      'Tiesības uz datu dzēšanu',
      'pieprasīt datu dzēšanu, ja tie vairs nav vajadzīgi vai tiek apstrādāti nelikumīgi, izņemot gadījumus, kad likums mums uzliek pienākumu tos glabāt (piemēram, ārstniecības un grāmatvedības dokumenti).',
    ],
    restriction: [
      'Tiesības ierobežot apstrādi',
      'pieprasīt apstrādes ierobežošanu laikā, kad tiek pārbaudīta datu precizitāte, ja apstrāde ir nelikumīga, bet jūs nevēlaties datu dzēšanu, vai līdz iebilduma izvērtēšanai.',
    ],
    portability: [
      'Tiesības uz datu pārnesamību',
      'saņemt datus, ko esat mums sniedzis un ko apstrādājam uz piekrišanas vai līguma pamata, strukturētā, plaši izmantotā un mašīnlasāmā formātā un pieprasīt to nosūtīšanu citam pārzinim.',
    ],
    objection: [
      'Tiesības iebilst',
      'jebkurā laikā savas īpašās situācijas dēļ iebilst pret apstrādi, kuras pamatā ir mūsu leģitīmās intereses, un bez pamatojuma – pret tiešo tirgvedību. Tad mēs apstrādi pārtraucam, ja vien nepierādām pārliecinošus leģitīmus iemeslus vai nepieciešamību aizstāvēt likumīgas prasības.',
    ],
    withdrawal: [
      'Tiesības atsaukt piekrišanu',
      'jebkurā laikā atsaukt piekrišanu tikpat vienkārši, kā tā dota: pacientu portālā, ar saiti jebkurā mūsu nosūtītajā ziņojumā vai, paziņojot mums. Atsaukums stājas spēkā nekavējoties un neietekmē iepriekšējās apstrādes likumību.',
    ],
    automated: [
      'Automatizēti lēmumi',
      'mēs nepieņemam par jums lēmumus, kuru pamatā ir tikai automatizēta apstrāde, tostarp profilēšana.',
    ],
  },
  withdrawal: ({ portal, link }) => {
    const ways = [
      portal ? 'pacientu portālā' : '',
      link ? 'ar saiti ziņojumos, ko sūtām, pamatojoties uz šo piekrišanu' : '',
      'paziņojot mums',
    ].filter(Boolean);
    const list = ways.length > 1 ? `${ways.slice(0, -1).join(', ')} vai ${ways.at(-1)}` : ways[0];
    return `jebkurā laikā atsaukt piekrišanu tikpat vienkārši, kā tā dota: ${list}. Atsaukums stājas spēkā nekavējoties un neietekmē iepriekšējās apstrādes likumību.`;
  },
  exerciseIntro: 'Pieprasījumu īstenot savas tiesības vai iebildumu varat iesniegt:',
  channel: (c, addr) =>
    ({
      on_site: `klātienē vai parakstītu papīra formā mūsu telpās: ${addr}`,
      post: `parakstītu papīra formā pa pastu: ${addr}`,
      email: `${c.signature === 'digital' ? 'parakstītu ar drošu elektronisko parakstu ' : ''}uz e-pasta adresi ${c.email ?? addr}`,
      portal: 'pacientu portālā pēc pieteikšanās',
    })[c.kind],
  identity:
    'Lai aizsargātu jūsu datus, mums jāspēj jūs identificēt. Mēs varam lūgt apliecināt jūsu identitāti; pārstāvja pieprasījumam jāpievieno pārstāvības tiesības apliecinošs dokuments.',
  identityBy: (ways) =>
    `Lai aizsargātu jūsu datus, mums jāspēj jūs identificēt: ${orList(
      ways.map(
        (w) =>
          ({
            in_person_id_document: 'klātienē, uzrādot pasi vai personas apliecību',
            qualified_e_signature:
              'ar pieprasījumu, kas parakstīts ar kvalificētu elektronisko parakstu (vai laika zīmogu)',
            portal_login: 'pieslēdzoties pacientu portālam',
          })[w],
      ),
      'vai',
    )}. Pārstāvja pieprasījumam jāpievieno pārstāvības tiesības apliecinošs dokuments.`,
  answerWithin: (n) =>
    `Mēs atbildam uz pieprasījumu vai iebildumu bez nepamatotas kavēšanās, bet ne vēlāk kā ${n} ${lvPlural(n, 'dienas', 'dienu')} laikā no tā saņemšanas.`,
  answerBy: (ways) =>
    `Atbildi nosūtām ${orList(
      ways.map(
        (w) =>
          ({ email: 'pa e-pastu', encrypted_email: 'ar šifrētu e-pastu', phone: 'pa tālruni', post: 'pa pastu' })[w],
      ),
      'vai',
    )}.`,
  answer: [
    'Mēs atbildam uz pieprasījumu vai iebildumu bez nepamatotas kavēšanās, bet ne vēlāk kā viena mēneša laikā no tā saņemšanas.',
    'Ņemot vērā pieprasījuma sarežģītību un pieprasījumu skaitu, šo termiņu var pagarināt vēl par diviem mēnešiem. Tādā gadījumā mēs jūs informējam par pagarinājumu un kavēšanās iemesliem viena mēneša laikā no pieprasījuma saņemšanas.',
    'Ja pieprasījumu iesniedzat elektroniski, mēs atbildam elektroniski, ja vien jūs nelūdzat citādi.',
  ],
  refusal:
    'Ja pieprasījumu neizpildām (piemēram, ja nevaram jūs identificēt vai ja datu izpaušana kaitētu citu personu tiesībām un brīvībām, valsts drošībai vai noziedzīgu nodarījumu novēršanai, atklāšanai vai izmeklēšanai), mēs viena mēneša laikā paziņojam iemeslus un informējam par tiesībām iesniegt sūdzību uzraudzības iestādei un vērsties tiesā.',
  complaints: (a, mail) => [
    mail
      ? `Ja uzskatāt, ka, apstrādājot jūsu personas datus, ir pārkāptas jūsu tiesības, lūdzam vispirms sazināties ar mums: ${mail}.`
      : 'Ja uzskatāt, ka, apstrādājot jūsu personas datus, ir pārkāptas jūsu tiesības, lūdzam vispirms sazināties ar mums.',
    `Jums ir tiesības iesniegt sūdzību uzraudzības iestādei – ${a.name.lv}${a.name.lv === a.officialName ? '' : ` (${a.officialName})`}, ${a.country === 'LV' ? `${a.street}, ${a.city}, ${a.postalCode}` : `${a.street}, ${a.postalCode} ${a.city}`}, e-pasts ${a.email}, ${a.website} – vai vērsties tiesā.`,
  ],
  securityDefault:
    'Mēs aizsargājam personas datus ar fiziskiem, tehniskiem un organizatoriskiem pasākumiem. Piekļuve datiem ir tikai tiem, kam tā nepieciešama darba pienākumu veikšanai, un katra piekļuve veselības datiem tiek reģistrēta.',
  changes:
    'Mēs atjauninām šo paziņojumu, ja mainās tiesību akti, mūsu pakalpojumi vai datu apstrāde. Iepriekšējās versijas izsniedzam pēc pieprasījuma; spēkā esošā versija vienmēr ir publicēta mūsu tīmekļvietnē.',
  address: (a) =>
    a.country === 'LV'
      ? `${a.street}, ${a.city}, ${a.postalCode}`
      : `${a.street}, ${a.postalCode} ${a.city}, ${countryNames[a.country] ?? a.country}`,
};
