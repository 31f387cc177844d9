import type { Language } from '../../shell/feature';

const et = {
  problems: { title: 'Saatmata sõnumid', reminder: 'meeldetuletus', visit_notice: 'teatis', queued: 'proovitakse uuesti', failed: 'ebaõnnestus' },
  nav: { queue: 'Ravijärjekord', calendar: 'Kalender', requests: 'Taotlused' },
  status: { waiting: 'ootel', booked: 'broneeritud', arrived: 'saabunud', done: 'tehtud', cancelled: 'tühistatud', no_show: 'ei tulnud', removed: 'eemaldatud' },
  channel: { on_site: 'kohapeal', phone: 'telefon', email: 'e-post', website: 'koduleht' },
  list: {
    title: 'Ravijärjekord', from: 'Alates', to: 'Kuni', professional: 'Arst', all: 'kõik', status: 'Olek', none: 'Kirjeid ei ole.',
    time: 'Aeg', patient: 'Patsient', idCode: 'Isikukood / sünniaeg', registered: 'Registreeritud', emergency: 'vältimatu abi',
  },
  actions: { arrived: 'Saabus', done: 'Tehtud', noShow: 'Ei tulnud', cancel: 'Tühista', notice: 'Teatis (PDF)', reason: 'Põhjus', informed: 'Patsienti teavitati' },
  calendar: { title: 'Kalender', day: 'Päev', week: 'Nädal', prev: '←', next: '→', today: 'Täna', service: 'Teenus', free: 'vaba', book: 'Broneeri' },
  dialog: {
    title: 'Broneerimine', patient: 'Patsient', search: 'Otsi nime, isikukoodi või telefoni järgi', complaint: 'Kaebus / näidustus',
    reminder: 'Meeldetuletus', sms: 'SMS', email: 'e-post', noReminder: 'ei soovi', channel: 'Registreerimise viis', submit: 'Broneeri', close: 'Sulge', booked: 'Broneeritud.',
  },
  requests: {
    title: 'Kirjalikud broneerimistaotlused', none: 'Vastamata taotlusi ei ole.', due: 'Vastata hiljemalt', overdue: 'hilinenud', due_today: 'täna tähtaeg', open: 'avatud',
    overdueCount: 'Hilinenud: {{n}}', dueTodayCount: 'Täna tähtaeg: {{n}}', confirm: 'Kinnita aeg', decline: 'Keeldu', wanted: 'Soovitud aeg', message: 'Sõnum', contacts: 'Kontaktid',
    confirmed: 'Kinnitatud: teatis saadetakse patsiendile.', note: 'Märkus',
  },
  public: {
    title: 'Broneeri aeg', service: 'Vali teenus', times: 'Vabad ajad', noTimes: 'Vabu aegu ei ole valitud perioodil.', firstName: 'Eesnimi', lastName: 'Perekonnanimi',
    idCode: 'Isikukood', birthDate: 'Sünniaeg (kui isikukoodi pole)', mobile: 'Mobiiltelefon', email: 'E-post', message: 'Mis mureks tulete?',
    wantsSms: 'Soovin SMS-meeldetuletust', wantsEmail: 'Soovin meeldetuletust e-postiga', submit: 'Saada taotlus',
    sent: 'Aitäh! Vastame hiljemalt {{date}}.', privacy: 'Teie andmeid kasutatakse ainult broneeringule vastamiseks ja ravi korraldamiseks.',
  },
};

type Strings = typeof et;

const lv: Strings = {
  problems: { title: 'Nenosūtītas ziņas', reminder: 'atgādinājums', visit_notice: 'paziņojums', queued: 'mēģinās vēlreiz', failed: 'neizdevās' },
  nav: { queue: 'Rinda', calendar: 'Kalendārs', requests: 'Pieteikumi' },
  status: { waiting: 'gaida', booked: 'pierakstīts', arrived: 'ieradies', done: 'pabeigts', cancelled: 'atcelts', no_show: 'neieradās', removed: 'izņemts' },
  channel: { on_site: 'klātienē', phone: 'tālrunis', email: 'e-pasts', website: 'mājaslapa' },
  list: {
    title: 'Ārstniecības rinda', from: 'No', to: 'Līdz', professional: 'Ārsts', all: 'visi', status: 'Statuss', none: 'Ierakstu nav.',
    time: 'Laiks', patient: 'Pacients', idCode: 'Personas kods / dzimšanas datums', registered: 'Reģistrēts', emergency: 'neatliekamā palīdzība',
  },
  actions: { arrived: 'Ieradās', done: 'Pabeigts', noShow: 'Neieradās', cancel: 'Atcelt', notice: 'Paziņojums (PDF)', reason: 'Iemesls', informed: 'Pacients informēts' },
  calendar: { title: 'Kalendārs', day: 'Diena', week: 'Nedēļa', prev: '←', next: '→', today: 'Šodien', service: 'Pakalpojums', free: 'brīvs', book: 'Pierakstīt' },
  dialog: {
    title: 'Pierakstīšana', patient: 'Pacients', search: 'Meklēt pēc vārda, personas koda vai tālruņa', complaint: 'Sūdzība / indikācija',
    reminder: 'Atgādinājums', sms: 'SMS', email: 'e-pasts', noReminder: 'nevēlas', channel: 'Pieraksta veids', submit: 'Pierakstīt', close: 'Aizvērt', booked: 'Pierakstīts.',
  },
  requests: {
    title: 'Rakstiskie pieraksta pieteikumi', none: 'Neatbildētu pieteikumu nav.', due: 'Atbildēt līdz', overdue: 'nokavēts', due_today: 'termiņš šodien', open: 'atvērts',
    overdueCount: 'Nokavēti: {{n}}', dueTodayCount: 'Termiņš šodien: {{n}}', confirm: 'Apstiprināt laiku', decline: 'Atteikt', wanted: 'Vēlamais laiks', message: 'Ziņa', contacts: 'Kontakti',
    confirmed: 'Apstiprināts: pacientam tiks nosūtīts paziņojums.', note: 'Piezīme',
  },
  public: {
    title: 'Pierakstīties', service: 'Izvēlieties pakalpojumu', times: 'Brīvie laiki', noTimes: 'Šajā periodā brīvu laiku nav.', firstName: 'Vārds', lastName: 'Uzvārds',
    idCode: 'Personas kods', birthDate: 'Dzimšanas datums (ja nav personas koda)', mobile: 'Mobilais tālrunis', email: 'E-pasts', message: 'Kāpēc vēlaties ierasties?',
    wantsSms: 'Vēlos SMS atgādinājumu', wantsEmail: 'Vēlos atgādinājumu e-pastā', submit: 'Nosūtīt pieteikumu',
    sent: 'Paldies! Atbildēsim līdz {{date}}.', privacy: 'Jūsu datus izmanto tikai, lai atbildētu uz pieteikumu un organizētu ārstēšanu.',
  },
};

const en: Strings = {
  problems: { title: 'Messages not sent', reminder: 'reminder', visit_notice: 'notice', queued: 'will retry', failed: 'failed' },
  nav: { queue: 'Queue', calendar: 'Calendar', requests: 'Requests' },
  status: { waiting: 'waiting', booked: 'booked', arrived: 'arrived', done: 'done', cancelled: 'cancelled', no_show: 'no-show', removed: 'removed' },
  channel: { on_site: 'on site', phone: 'phone', email: 'e-mail', website: 'website' },
  list: {
    title: 'Treatment queue', from: 'From', to: 'To', professional: 'Doctor', all: 'all', status: 'Status', none: 'No entries.',
    time: 'Time', patient: 'Patient', idCode: 'ID code / birth date', registered: 'Registered', emergency: 'emergency help',
  },
  actions: { arrived: 'Arrived', done: 'Done', noShow: 'No-show', cancel: 'Cancel', notice: 'Notice (PDF)', reason: 'Reason', informed: 'Patient was told' },
  calendar: { title: 'Calendar', day: 'Day', week: 'Week', prev: '←', next: '→', today: 'Today', service: 'Service', free: 'free', book: 'Book' },
  dialog: {
    title: 'Booking', patient: 'Patient', search: 'Search by name, ID code or phone', complaint: 'Complaint / indication',
    reminder: 'Reminder', sms: 'SMS', email: 'e-mail', noReminder: 'none', channel: 'Registered by', submit: 'Book', close: 'Close', booked: 'Booked.',
  },
  requests: {
    title: 'Written booking requests', none: 'No unanswered requests.', due: 'Answer by', overdue: 'overdue', due_today: 'due today', open: 'open',
    overdueCount: 'Overdue: {{n}}', dueTodayCount: 'Due today: {{n}}', confirm: 'Confirm time', decline: 'Decline', wanted: 'Wanted time', message: 'Message', contacts: 'Contacts',
    confirmed: 'Confirmed: the notice is sent to the patient.', note: 'Note',
  },
  public: {
    title: 'Book an appointment', service: 'Choose a service', times: 'Free times', noTimes: 'No free times in this period.', firstName: 'First name', lastName: 'Last name',
    idCode: 'ID code', birthDate: 'Birth date (without an ID code)', mobile: 'Mobile phone', email: 'E-mail', message: 'Why do you wish to come?',
    wantsSms: 'I want an SMS reminder', wantsEmail: 'I want an e-mail reminder', submit: 'Send request',
    sent: 'Thank you! We will answer by {{date}}.', privacy: 'Your data is used only to answer your request and to organise your care.',
  },
};

const ru: Strings = {
  problems: { title: 'Неотправленные сообщения', reminder: 'напоминание', visit_notice: 'уведомление', queued: 'будет повтор', failed: 'не удалось' },
  nav: { queue: 'Очередь', calendar: 'Календарь', requests: 'Заявки' },
  status: { waiting: 'ожидает', booked: 'записан', arrived: 'пришёл', done: 'выполнено', cancelled: 'отменено', no_show: 'не пришёл', removed: 'удалён' },
  channel: { on_site: 'на месте', phone: 'телефон', email: 'e-mail', website: 'сайт' },
  list: {
    title: 'Очередь на лечение', from: 'С', to: 'По', professional: 'Врач', all: 'все', status: 'Статус', none: 'Записей нет.',
    time: 'Время', patient: 'Пациент', idCode: 'Личный код / дата рождения', registered: 'Зарегистрирован', emergency: 'неотложная помощь',
  },
  actions: { arrived: 'Пришёл', done: 'Выполнено', noShow: 'Не пришёл', cancel: 'Отменить', notice: 'Уведомление (PDF)', reason: 'Причина', informed: 'Пациент уведомлён' },
  calendar: { title: 'Календарь', day: 'День', week: 'Неделя', prev: '←', next: '→', today: 'Сегодня', service: 'Услуга', free: 'свободно', book: 'Записать' },
  dialog: {
    title: 'Запись', patient: 'Пациент', search: 'Поиск по имени, личному коду или телефону', complaint: 'Жалоба / показание',
    reminder: 'Напоминание', sms: 'SMS', email: 'e-mail', noReminder: 'не нужно', channel: 'Способ записи', submit: 'Записать', close: 'Закрыть', booked: 'Записано.',
  },
  requests: {
    title: 'Письменные заявки на запись', none: 'Неотвеченных заявок нет.', due: 'Ответить до', overdue: 'просрочено', due_today: 'срок сегодня', open: 'открыта',
    overdueCount: 'Просрочено: {{n}}', dueTodayCount: 'Срок сегодня: {{n}}', confirm: 'Подтвердить время', decline: 'Отклонить', wanted: 'Желаемое время', message: 'Сообщение', contacts: 'Контакты',
    confirmed: 'Подтверждено: пациенту отправляется уведомление.', note: 'Заметка',
  },
  public: {
    title: 'Записаться на приём', service: 'Выберите услугу', times: 'Свободное время', noTimes: 'В этот период свободного времени нет.', firstName: 'Имя', lastName: 'Фамилия',
    idCode: 'Личный код', birthDate: 'Дата рождения (если нет личного кода)', mobile: 'Мобильный телефон', email: 'E-mail', message: 'С какой проблемой вы обращаетесь?',
    wantsSms: 'Хочу SMS-напоминание', wantsEmail: 'Хочу напоминание по e-mail', submit: 'Отправить заявку',
    sent: 'Спасибо! Мы ответим до {{date}}.', privacy: 'Ваши данные используются только для ответа на заявку и организации лечения.',
  },
};

export const queueStrings: Record<Language, Record<string, unknown>> = { et, lv, en, ru };
