import type { Language } from '../../shell/feature';

export const staffStrings: Record<Language, Record<string, unknown>> = {
  et: {
    nav: 'Töötajad', title: 'Töötajad ja rollid', name: 'Nimi', email: 'E-post', roles: 'Rollid', code: 'Kutsekood', state: 'Olek',
    active: 'aktiivne', disabled: 'suletud', disable: 'Sulge konto', enable: 'Ava konto', add: 'Lisa töötaja', password: 'Algne parool',
    generate: 'Loo parool', passwordHint: 'Andke parool töötajale üle turvalisel viisil; seda rohkem ei näidata.',
    created: 'Konto loodud. Parool: {{password}}', disabledNote: 'Suletud konto kõik seansid lõpetati kohe.',
  },
  lv: {
    nav: 'Darbinieki', title: 'Darbinieki un lomas', name: 'Vārds', email: 'E-pasts', roles: 'Lomas', code: 'Profesionālais kods', state: 'Statuss',
    active: 'aktīvs', disabled: 'slēgts', disable: 'Slēgt kontu', enable: 'Atvērt kontu', add: 'Pievienot darbinieku', password: 'Sākotnējā parole',
    generate: 'Izveidot paroli', passwordHint: 'Nododiet paroli darbiniekam drošā veidā; tā vairs netiks rādīta.',
    created: 'Konts izveidots. Parole: {{password}}', disabledNote: 'Slēgtā konta sesijas tika nekavējoties pārtrauktas.',
  },
  en: {
    nav: 'Staff', title: 'Staff and roles', name: 'Name', email: 'E-mail', roles: 'Roles', code: 'Professional code', state: 'Status',
    active: 'active', disabled: 'disabled', disable: 'Disable account', enable: 'Enable account', add: 'Add a staff member', password: 'Initial password',
    generate: 'Generate', passwordHint: 'Hand the password over securely; it is not shown again.',
    created: 'Account created. Password: {{password}}', disabledNote: 'All sessions of a disabled account end at once.',
  },
  ru: {
    nav: 'Сотрудники', title: 'Сотрудники и роли', name: 'Имя', email: 'Эл. почта', roles: 'Роли', code: 'Профессиональный код', state: 'Статус',
    active: 'активен', disabled: 'закрыт', disable: 'Закрыть доступ', enable: 'Открыть доступ', add: 'Добавить сотрудника', password: 'Начальный пароль',
    generate: 'Создать', passwordHint: 'Передайте пароль сотруднику надёжным способом; повторно он показан не будет.',
    created: 'Учётная запись создана. Пароль: {{password}}', disabledNote: 'Все сеансы закрытой учётной записи сразу завершаются.',
  },
};
