import type { Language } from '../../shell/feature';

/** Billing's strings; the clinic's words in each language (Tervisekassa = the Estonian Health Insurance Fund). */
export const billingStrings: Record<Language, Record<string, unknown>> = {
  et: {
    nav: 'Arved',
    home: { title: 'Arved ja maksed', pending: 'Arveldamata visiidid', nonePending: 'Kõik visiidid on arveldatud.', recent: 'Viimased arved', prices: 'Hinnakiri', debts: 'Võlgnevused', record: 'Sisesta teenused' },
    cols: { date: 'Kuupäev', patient: 'Patsient', services: 'Teenuseid', number: 'Number', total: 'Kokku', benefit: 'Hüvitis', patientShare: 'Patsient tasub', open: 'Tasumata', code: 'Kood', name: 'Nimetus', price: 'Hind', eligible: 'Hüvitatav', validFrom: 'Kehtib alates', validTo: 'Kehtib kuni', qty: 'Kogus', amount: 'Summa', due: 'Tähtaeg', overdue: 'Päevi üle', notices: 'Meeldetuletusi', kind: 'Liik' },
    prices: { title: 'Hinnakiri', add: 'Lisa teenus või uus hind', kind: 'Liik', service: 'teenus', visit_fee: 'visiiditasu', prosthesis: 'protees', nameEt: 'Nimetus (et)', nameLv: 'Nimetus (lv)', nameEn: 'Nimetus (en)', nameRu: 'Nimetus (ru)', eligible: 'Tervisekassa hüvitatav teenus', save: 'Salvesta', saved: 'Salvestatud.' },
    services: { title: 'Visiidi teenused', find: 'Leia patsient', search: 'Otsi', date: 'Visiidi kuupäev', add: 'Lisa rida', save: 'Salvesta teenused', saved: 'Teenused salvestatud.', choose: 'Vali teenus' },
    visit: { title: 'Arve visiidist', group: 'Hüvitise alus', reason: 'Põhjendus', balance: 'Aasta hüvitisest jääb alles', issue: 'Väljasta arve', fee: 'Visiiditasu (€)', language: 'Arve keel' },
    invoice: { title: 'Arve', credit_note: 'Kreeditarve', pdf: 'Ava PDF', pay: 'Maksa', method: 'Makseviis', cash: 'sularaha', card: 'kaart', transfer: 'ülekanne', amount: 'Summa (€)', paid: 'Arve on tasutud.', payments: 'Maksed', shares: 'Kes tasub', fund: 'Tervisekassa', patient: 'Patsient', bill_payer: 'Maksja', credit: 'Koosta kreeditarve', creditReason: 'Kreeditarve põhjus', lines: 'Read' },
    debts: { title: 'Võlgnevused', none: 'Tähtaja ületanud arveid ei ole.', notice: 'Saada meeldetuletus', sent: 'Meeldetuletus saadetud.', restricted: 'töötlemine piiratud', handedOver: 'üle antud' },
    groups: { adult: 'täiskasvanu', pregnant: 'rase', 'mother-of-infant': 'alla 1-aastase lapse ema', pensioner: 'pensionär', 'reduced-work-ability': 'osaline või puuduv töövõime', 'over-63': 'üle 63-aastane', unemployed: 'registreeritud töötu', child: 'laps (alla 19)' },
  },
  lv: {
    nav: 'Rēķini',
    home: { title: 'Rēķini un maksājumi', pending: 'Vizītes bez rēķina', nonePending: 'Visām vizītēm ir rēķini.', recent: 'Pēdējie rēķini', prices: 'Cenrādis', debts: 'Parādi', record: 'Ievadīt pakalpojumus' },
    cols: { date: 'Datums', patient: 'Pacients', services: 'Pakalpojumi', number: 'Numurs', total: 'Kopā', benefit: 'Kompensācija', patientShare: 'Pacients maksā', open: 'Neapmaksāts', code: 'Kods', name: 'Nosaukums', price: 'Cena', eligible: 'Kompensējams', validFrom: 'Spēkā no', validTo: 'Spēkā līdz', qty: 'Daudzums', amount: 'Summa', due: 'Termiņš', overdue: 'Nokavētas dienas', notices: 'Atgādinājumi', kind: 'Veids' },
    prices: { title: 'Cenrādis', add: 'Pievienot pakalpojumu vai jaunu cenu', kind: 'Veids', service: 'pakalpojums', visit_fee: 'vizītes maksa', prosthesis: 'protēze', nameEt: 'Nosaukums (et)', nameLv: 'Nosaukums (lv)', nameEn: 'Nosaukums (en)', nameRu: 'Nosaukums (ru)', eligible: 'Fonda kompensējams pakalpojums', save: 'Saglabāt', saved: 'Saglabāts.' },
    services: { title: 'Vizītes pakalpojumi', find: 'Atrast pacientu', search: 'Meklēt', date: 'Vizītes datums', add: 'Pievienot rindu', save: 'Saglabāt pakalpojumus', saved: 'Pakalpojumi saglabāti.', choose: 'Izvēlieties pakalpojumu' },
    visit: { title: 'Rēķins par vizīti', group: 'Kompensācijas pamats', reason: 'Pamatojums', balance: 'Gada kompensācijas atlikums', issue: 'Izrakstīt rēķinu', fee: 'Vizītes maksa (€)', language: 'Rēķina valoda' },
    invoice: { title: 'Rēķins', credit_note: 'Kredītrēķins', pdf: 'Atvērt PDF', pay: 'Apmaksāt', method: 'Maksājuma veids', cash: 'skaidrā naudā', card: 'karte', transfer: 'pārskaitījums', amount: 'Summa (€)', paid: 'Rēķins ir apmaksāts.', payments: 'Maksājumi', shares: 'Kas maksā', fund: 'Veselības apdrošināšanas fonds', patient: 'Pacients', bill_payer: 'Maksātājs', credit: 'Izrakstīt kredītrēķinu', creditReason: 'Kredītrēķina iemesls', lines: 'Rindas' },
    debts: { title: 'Parādi', none: 'Nav nokavētu rēķinu.', notice: 'Nosūtīt atgādinājumu', sent: 'Atgādinājums nosūtīts.', restricted: 'apstrāde ierobežota', handedOver: 'nodots piedziņai' },
    groups: { adult: 'pieaugušais', pregnant: 'grūtniece', 'mother-of-infant': 'bērna līdz 1 gadam māte', pensioner: 'pensionārs', 'reduced-work-ability': 'daļējas vai nekādas darbspējas', 'over-63': 'vecāks par 63', unemployed: 'reģistrēts bezdarbnieks', child: 'bērns (līdz 19)' },
  },
  en: {
    nav: 'Billing',
    home: { title: 'Invoices and payments', pending: 'Visits to invoice', nonePending: 'Every visit is invoiced.', recent: 'Recent invoices', prices: 'Price list', debts: 'Debts', record: 'Record services' },
    cols: { date: 'Date', patient: 'Patient', services: 'Services', number: 'Number', total: 'Total', benefit: 'Benefit', patientShare: 'Patient pays', open: 'Open', code: 'Code', name: 'Name', price: 'Price', eligible: 'Benefit applies', validFrom: 'Valid from', validTo: 'Valid to', qty: 'Qty', amount: 'Amount', due: 'Due', overdue: 'Days overdue', notices: 'Notices', kind: 'Kind' },
    prices: { title: 'Price list', add: 'Add a service or a new price', kind: 'Kind', service: 'service', visit_fee: 'visit fee', prosthesis: 'prosthesis', nameEt: 'Name (et)', nameLv: 'Name (lv)', nameEn: 'Name (en)', nameRu: 'Name (ru)', eligible: 'On the Fund\'s list of essential services', save: 'Save', saved: 'Saved.' },
    services: { title: 'Services of a visit', find: 'Find the patient', search: 'Search', date: 'Visit date', add: 'Add a line', save: 'Save services', saved: 'Services saved.', choose: 'Choose a service' },
    visit: { title: 'Invoice from a visit', group: 'Benefit basis', reason: 'Why', balance: 'Left of the yearly benefit', issue: 'Issue the invoice', fee: 'Visit fee (€)', language: 'Invoice language' },
    invoice: { title: 'Invoice', credit_note: 'Credit note', pdf: 'Open PDF', pay: 'Record payment', method: 'Method', cash: 'cash', card: 'card', transfer: 'bank transfer', amount: 'Amount (€)', paid: 'The invoice is paid.', payments: 'Payments', shares: 'Who pays', fund: 'Health Insurance Fund', patient: 'Patient', bill_payer: 'Bill payer', credit: 'Issue a credit note', creditReason: 'Reason for the credit note', lines: 'Lines' },
    debts: { title: 'Debts', none: 'No overdue invoices.', notice: 'Send a reminder', sent: 'Reminder sent.', restricted: 'processing restricted', handedOver: 'handed over' },
    groups: { adult: 'adult', pregnant: 'pregnant', 'mother-of-infant': 'mother of a child under 1', pensioner: 'pensioner', 'reduced-work-ability': 'partial or no work ability', 'over-63': 'over 63', unemployed: 'registered unemployed', child: 'child (under 19)' },
  },
  ru: {
    nav: 'Счета',
    home: { title: 'Счета и платежи', pending: 'Визиты без счёта', nonePending: 'По всем визитам выставлены счета.', recent: 'Последние счета', prices: 'Прейскурант', debts: 'Долги', record: 'Внести услуги' },
    cols: { date: 'Дата', patient: 'Пациент', services: 'Услуги', number: 'Номер', total: 'Итого', benefit: 'Компенсация', patientShare: 'Платит пациент', open: 'К оплате', code: 'Код', name: 'Название', price: 'Цена', eligible: 'Компенсируется', validFrom: 'Действует с', validTo: 'Действует до', qty: 'Кол-во', amount: 'Сумма', due: 'Срок', overdue: 'Дней просрочки', notices: 'Напоминаний', kind: 'Вид' },
    prices: { title: 'Прейскурант', add: 'Добавить услугу или новую цену', kind: 'Вид', service: 'услуга', visit_fee: 'плата за визит', prosthesis: 'протез', nameEt: 'Название (et)', nameLv: 'Название (lv)', nameEn: 'Название (en)', nameRu: 'Название (ru)', eligible: 'Услуга из списка Больничной кассы', save: 'Сохранить', saved: 'Сохранено.' },
    services: { title: 'Услуги визита', find: 'Найти пациента', search: 'Искать', date: 'Дата визита', add: 'Добавить строку', save: 'Сохранить услуги', saved: 'Услуги сохранены.', choose: 'Выберите услугу' },
    visit: { title: 'Счёт за визит', group: 'Основание компенсации', reason: 'Обоснование', balance: 'Остаток годовой компенсации', issue: 'Выставить счёт', fee: 'Плата за визит (€)', language: 'Язык счёта' },
    invoice: { title: 'Счёт', credit_note: 'Кредитный счёт', pdf: 'Открыть PDF', pay: 'Внести оплату', method: 'Способ оплаты', cash: 'наличные', card: 'карта', transfer: 'перевод', amount: 'Сумма (€)', paid: 'Счёт оплачен.', payments: 'Платежи', shares: 'Кто платит', fund: 'Больничная касса', patient: 'Пациент', bill_payer: 'Плательщик', credit: 'Выставить кредитный счёт', creditReason: 'Причина кредитного счёта', lines: 'Строки' },
    debts: { title: 'Долги', none: 'Просроченных счетов нет.', notice: 'Отправить напоминание', sent: 'Напоминание отправлено.', restricted: 'обработка ограничена', handedOver: 'передан взыскателю' },
    groups: { adult: 'взрослый', pregnant: 'беременная', 'mother-of-infant': 'мать ребёнка до 1 года', pensioner: 'пенсионер', 'reduced-work-ability': 'частичная или отсутствующая трудоспособность', 'over-63': 'старше 63 лет', unemployed: 'зарегистрированный безработный', child: 'ребёнок (до 19 лет)' },
  },
};
