/**
 * Synthetic patients for demos and benchmarks: valid, unique Estonian ID codes derived from the
 * index, Estonian and Latvian names, no real person behind any of them.
 */
const firstMale = [
  'Andres',
  'Jaan',
  'Mart',
  'Tõnis',
  'Peeter',
  'Rein',
  'Toomas',
  'Märt',
  'Kalle',
  'Urmas',
  'Jüri',
  'Priit',
  'Raivo',
  'Indrek',
  'Siim',
  'Ott',
  'Mihkel',
  'Rasmus',
  'Artjom',
  'Jānis',
];
const firstFemale = [
  'Mari',
  'Kadri',
  'Liis',
  'Tiina',
  'Anu',
  'Kersti',
  'Piret',
  'Triin',
  'Helen',
  'Kätlin',
  'Maarja',
  'Eha',
  'Ülle',
  'Sirje',
  'Anneli',
  'Grete',
  'Laura',
  'Olga',
  'Ilze',
  'Līga',
];
const lastNames = [
  'Tamm',
  'Saar',
  'Sepp',
  'Mägi',
  'Kask',
  'Kukk',
  'Rebane',
  'Ilves',
  'Pärn',
  'Koppel',
  'Lepik',
  'Kuusk',
  'Karu',
  'Õun',
  'Lill',
  'Raud',
  'Vaher',
  'Jõgi',
  'Luik',
  'Kallas',
  'Ivanov',
  'Smirnov',
  'Bērziņš',
  'Kalniņš',
  'Ozols',
  'Männik',
  'Teder',
  'Paju',
  'Org',
  'Aas',
];

/** The check digit of an Estonian isikukood (first 10 digits given). */
export function estonianCheckDigit(first10: string): number {
  const d = [...first10].map(Number);
  const sum = (w: number[]) => w.reduce((s, wi, i) => s + wi * d[i]!, 0) % 11;
  let c = sum([1, 2, 3, 4, 5, 6, 7, 8, 9, 1]);
  if (c === 10) c = sum([3, 4, 5, 6, 7, 8, 9, 1, 2, 3]);
  return c === 10 ? 0 : c;
}

const DAYS = 30_000; // about 82 years of birth dates
const BASE = Date.UTC(1938, 0, 1);

export interface SyntheticPatient {
  firstName: string;
  lastName: string;
  idCode: string;
  birthDate: string;
  sex: 'male' | 'female';
  mobile: string;
  email: string;
  preferredLanguage: 'et' | 'ru' | 'en' | 'lv';
}

/** The i-th synthetic patient; the same i always gives the same person, and no two share a code. */
export function syntheticPatient(i: number, offset = 0): SyntheticPatient {
  const n = i + offset;
  // 7919 is coprime with DAYS: consecutive patients get scattered birth dates, still one per residue.
  const day = (n * 7919) % DAYS;
  const serial = Math.floor(n / DAYS) * 2 + (n % 2); // distinct serial per (day, i)
  if (serial > 999) throw new Error('at most 15 million synthetic patients');
  const birth = new Date(BASE + day * 86_400_000);
  const year = birth.getUTCFullYear();
  const male = (n >> 1) % 2 === 0;
  const g = (year >= 2000 ? 5 : 3) + (male ? 0 : 1);
  const first10 = `${g}${String(year % 100).padStart(2, '0')}${String(birth.getUTCMonth() + 1).padStart(2, '0')}${String(birth.getUTCDate()).padStart(2, '0')}${String(serial).padStart(3, '0')}`;
  const firstName = (male ? firstMale : firstFemale)[(n * 7) % 20]!;
  const lastName = lastNames[(n * 13) % lastNames.length]!;
  const ascii = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return {
    firstName,
    lastName,
    idCode: `${first10}${estonianCheckDigit(first10)}`,
    birthDate: birth.toISOString().slice(0, 10),
    sex: male ? 'male' : 'female',
    mobile: `+3725${String(1_000_000 + (n % 8_999_999)).padStart(7, '0')}`,
    email: `${ascii(firstName)}.${ascii(lastName)}.${n}@example.org`,
    preferredLanguage: (['et', 'et', 'et', 'ru', 'en'] as const)[n % 5]!,
  };
}
