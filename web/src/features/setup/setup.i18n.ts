import type { Language } from '../../shell/feature';

export const setupStrings: Record<Language, Record<string, unknown>> = {
  et: {
    nav: 'Seadistus', title: 'Kliiniku seadistus', professionals: 'Arstid ja spetsialistid', services: 'Teenused', schedules: 'Tööajad', absences: 'Puudumised ja pühad',
    firstName: 'Eesnimi', lastName: 'Perekonnanimi', kind: 'Ametikoht', code: 'Registreerimiskood', specialities: 'Erialad (komaga eraldatud)', staffUser: 'Kasutajakonto',
    kinds: { doctor: 'arst', dentist: 'hambaarst', hygienist: 'suuhügienist', therapist: 'terapeut', nurse: 'õde', other: 'muu' },
    serviceName: 'Teenuse nimetus', duration: 'Kestus (min)', publicBooking: 'Broneeritav veebis', minutes: '{{n}} min',
    professional: 'Arst', weekday: 'Nädalapäev', start: 'Algus', end: 'Lõpp', from: 'Alates', until: 'Kuni', note: 'Märkus', wholeClinic: 'kogu kliinik',
    weekdays: ['', 'esmaspäev', 'teisipäev', 'kolmapäev', 'neljapäev', 'reede', 'laupäev', 'pühapäev'],
    absenceKind: 'Liik', absenceKinds: { leave: 'puhkus või haigus', closed: 'kliinik suletud', extra: 'lisatööaeg' },
    add: 'Lisa', remove: 'Eemalda', none: 'Veel pole lisatud.', saved: 'Salvestatud.', upcoming: 'Järgmise 90 päeva puudumised',
  },
  lv: {
    nav: 'Iestatījumi', title: 'Klīnikas iestatījumi', professionals: 'Ārsti un speciālisti', services: 'Pakalpojumi', schedules: 'Darba laiki', absences: 'Prombūtne un svētku dienas',
    firstName: 'Vārds', lastName: 'Uzvārds', kind: 'Amats', code: 'Reģistrācijas kods', specialities: 'Specialitātes (atdalītas ar komatu)', staffUser: 'Lietotāja konts',
    kinds: { doctor: 'ārsts', dentist: 'zobārsts', hygienist: 'mutes higiēnists', therapist: 'terapeits', nurse: 'medmāsa', other: 'cits' },
    serviceName: 'Pakalpojuma nosaukums', duration: 'Ilgums (min)', publicBooking: 'Pierakstāms tiešsaistē', minutes: '{{n}} min',
    professional: 'Ārsts', weekday: 'Nedēļas diena', start: 'Sākums', end: 'Beigas', from: 'No', until: 'Līdz', note: 'Piezīme', wholeClinic: 'visa klīnika',
    weekdays: ['', 'pirmdiena', 'otrdiena', 'trešdiena', 'ceturtdiena', 'piektdiena', 'sestdiena', 'svētdiena'],
    absenceKind: 'Veids', absenceKinds: { leave: 'atvaļinājums vai slimība', closed: 'klīnika slēgta', extra: 'papildu darba laiks' },
    add: 'Pievienot', remove: 'Noņemt', none: 'Vēl nav pievienots.', saved: 'Saglabāts.', upcoming: 'Prombūtne nākamajās 90 dienās',
  },
  en: {
    nav: 'Setup', title: 'Clinic setup', professionals: 'Doctors and specialists', services: 'Services', schedules: 'Working hours', absences: 'Absences and closures',
    firstName: 'First name', lastName: 'Last name', kind: 'Role', code: 'Registration code', specialities: 'Specialities (comma-separated)', staffUser: 'User account',
    kinds: { doctor: 'doctor', dentist: 'dentist', hygienist: 'dental hygienist', therapist: 'therapist', nurse: 'nurse', other: 'other' },
    serviceName: 'Service name', duration: 'Duration (min)', publicBooking: 'Bookable online', minutes: '{{n}} min',
    professional: 'Doctor', weekday: 'Weekday', start: 'Start', end: 'End', from: 'From', until: 'Until', note: 'Note', wholeClinic: 'whole clinic',
    weekdays: ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
    absenceKind: 'Type', absenceKinds: { leave: 'leave or illness', closed: 'clinic closed', extra: 'extra hours' },
    add: 'Add', remove: 'Remove', none: 'Nothing added yet.', saved: 'Saved.', upcoming: 'Absences in the next 90 days',
  },
  ru: {
    nav: 'Настройка', title: 'Настройка клиники', professionals: 'Врачи и специалисты', services: 'Услуги', schedules: 'Рабочее время', absences: 'Отсутствия и закрытия',
    firstName: 'Имя', lastName: 'Фамилия', kind: 'Должность', code: 'Регистрационный код', specialities: 'Специальности (через запятую)', staffUser: 'Учётная запись',
    kinds: { doctor: 'врач', dentist: 'стоматолог', hygienist: 'гигиенист', therapist: 'терапевт', nurse: 'медсестра', other: 'другое' },
    serviceName: 'Название услуги', duration: 'Длительность (мин)', publicBooking: 'Запись через интернет', minutes: '{{n}} мин',
    professional: 'Врач', weekday: 'День недели', start: 'Начало', end: 'Конец', from: 'С', until: 'По', note: 'Примечание', wholeClinic: 'вся клиника',
    weekdays: ['', 'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота', 'воскресенье'],
    absenceKind: 'Тип', absenceKinds: { leave: 'отпуск или болезнь', closed: 'клиника закрыта', extra: 'дополнительные часы' },
    add: 'Добавить', remove: 'Удалить', none: 'Пока ничего не добавлено.', saved: 'Сохранено.', upcoming: 'Отсутствия в ближайшие 90 дней',
  },
};
