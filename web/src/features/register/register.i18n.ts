import type { Language } from '../../shell/feature';

export const registerStrings: Record<Language, Record<string, unknown>> = {
  et: {
    nav: 'Andmekaitse', title: 'Isikuandmete töötlemise register', editor: 'Register (YAML)', preset: 'Alusta mallist', loadPreset: 'Lae mall',
    save: 'Kontrolli ja salvesta', saved: 'Salvestatud, versioon {{revision}}', none: 'Registrit veel ei ole: lae mall või kleebi oma register.',
    preview: 'Teabe eelvaade neljas keeles', publish: 'Avalda', summary: 'Mis muutus', announce: 'Teavita patsiente muudatusest',
    published: 'Avaldatud versioon {{version}}', versions: 'Avaldatud versioonid', version: 'Versioon', date: 'Kuupäev', show: 'Näita',
    diff: 'Võrdle', from: 'Alates', to: 'Kuni', noChanges: 'Muudatusi ei ole', section: 'Osa', key: 'Võti', change: 'Muudatus',
    added: 'lisatud', removed: 'eemaldatud', changed: 'muudetud', publicPage: 'Avalik leht', errors: 'Registrit ei salvestatud:',
  },
  lv: {
    nav: 'Datu aizsardzība', title: 'Personas datu apstrādes reģistrs', editor: 'Reģistrs (YAML)', preset: 'Sākt no parauga', loadPreset: 'Ielādēt paraugu',
    save: 'Pārbaudīt un saglabāt', saved: 'Saglabāts, redakcija {{revision}}', none: 'Reģistra vēl nav: ielādējiet paraugu vai ielīmējiet savu reģistru.',
    preview: 'Paziņojuma priekšskatījums četrās valodās', publish: 'Publicēt', summary: 'Kas mainījās', announce: 'Paziņot pacientiem par izmaiņām',
    published: 'Publicēta {{version}}. versija', versions: 'Publicētās versijas', version: 'Versija', date: 'Datums', show: 'Rādīt',
    diff: 'Salīdzināt', from: 'No', to: 'Līdz', noChanges: 'Izmaiņu nav', section: 'Sadaļa', key: 'Atslēga', change: 'Izmaiņa',
    added: 'pievienots', removed: 'noņemts', changed: 'mainīts', publicPage: 'Publiskā lapa', errors: 'Reģistrs netika saglabāts:',
  },
  en: {
    nav: 'Data protection', title: 'Processing register', editor: 'Register (YAML)', preset: 'Start from a template', loadPreset: 'Load template',
    save: 'Check and save', saved: 'Saved, revision {{revision}}', none: 'No register yet: load a template or paste your own register.',
    preview: 'Notice preview in four languages', publish: 'Publish', summary: 'What changed', announce: 'Tell patients about the change',
    published: 'Published version {{version}}', versions: 'Published versions', version: 'Version', date: 'Date', show: 'Show',
    diff: 'Compare', from: 'From', to: 'To', noChanges: 'No changes', section: 'Section', key: 'Key', change: 'Change',
    added: 'added', removed: 'removed', changed: 'changed', publicPage: 'Public page', errors: 'The register was not saved:',
  },
  ru: {
    nav: 'Защита данных', title: 'Реестр обработки персональных данных', editor: 'Реестр (YAML)', preset: 'Начать с шаблона', loadPreset: 'Загрузить шаблон',
    save: 'Проверить и сохранить', saved: 'Сохранено, редакция {{revision}}', none: 'Реестра ещё нет: загрузите шаблон или вставьте свой реестр.',
    preview: 'Предпросмотр информации на четырёх языках', publish: 'Опубликовать', summary: 'Что изменилось', announce: 'Сообщить пациентам об изменении',
    published: 'Опубликована версия {{version}}', versions: 'Опубликованные версии', version: 'Версия', date: 'Дата', show: 'Показать',
    diff: 'Сравнить', from: 'С', to: 'По', noChanges: 'Изменений нет', section: 'Раздел', key: 'Ключ', change: 'Изменение',
    added: 'добавлено', removed: 'удалено', changed: 'изменено', publicPage: 'Публичная страница', errors: 'Реестр не сохранён:',
  },
};
