import countries from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json';

countries.registerLocale(english);

/** The English short name of an ISO 3166-1 alpha-2 code, as ACLED and UCDP name countries; null for a code the standard lacks. */
export const countryName = (alpha2: string): string | null => countries.getName(alpha2, 'en') ?? null;

/** ISO 3166-1 numeric (ACLED's `iso`), as a number: "466" for ML. */
export function countryNumber(alpha2: string): number | null {
  const numeric = countries.alpha2ToNumeric(alpha2);
  return numeric ? Number(numeric) : null;
}
