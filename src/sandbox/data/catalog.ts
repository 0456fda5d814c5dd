/** Word lists and reference tables for the demo data. Every name is invented; none is a real person. */
import type { Country } from './types.ts'

export const FIRST_NAMES: Record<Country, readonly string[]> = {
  NO: ['Ingrid', 'Lars', 'Sigrid', 'Håkon', 'Bjørn', 'Solveig', 'Øystein', 'Åse', 'Kjetil', 'Tone', 'Jørgen', 'Marit', 'Eirik', 'Ragnhild', 'Sindre', 'Torunn'],
  SE: ['Åsa', 'Björn', 'Märta', 'Göran', 'Elin', 'Håkan', 'Sofia', 'Örjan', 'Anders', 'Maja', 'Linnéa', 'Pär', 'Karin', 'Jöns'],
}

/** "Nordmann" is kept out on purpose: only the showcase customers carry it. */
export const LAST_NAMES: Record<Country, readonly string[]> = {
  NO: ['Hansen', 'Johansen', 'Bråten', 'Løvås', 'Ødegård', 'Haugen', 'Østby', 'Solberg', 'Kvalheim', 'Dæhli', 'Bakke', 'Sæbø', 'Strømme', 'Aasen'],
  SE: ['Åberg', 'Öberg', 'Ström', 'Bäckström', 'Sjögren', 'Nyström', 'Lundgren', 'Häggström', 'Söderberg', 'Karlsson', 'Ekström', 'Wållberg'],
}

export const MIDDLE_NAMES: Record<Country, readonly string[]> = {
  NO: ['Marie', 'Johan', 'Sofie', 'Andreas'],
  SE: ['Maria', 'Erik', 'Louise', 'Gustav'],
}

export const CITIES: Record<Country, readonly string[]> = {
  NO: ['Oslo', 'Bergen', 'Trondheim', 'Tromsø', 'Bærum', 'Ålesund', 'Drammen', 'Lillehammer', 'Bodø'],
  SE: ['Stockholm', 'Göteborg', 'Malmö', 'Uppsala', 'Västerås', 'Örebro', 'Linköping', 'Umeå'],
}

export const COMPANIES: Record<Country, readonly { name: string; department: string }[]> = {
  NO: [
    { name: 'Nordlys Regnskap AS', department: 'Økonomi' },
    { name: 'Fjellheim Bygg AS', department: 'Innkjøp' },
  ],
  SE: [
    { name: 'Älvdalens Trä AB', department: 'Ekonomi' },
    { name: 'Sjöbris Konsult AB', department: 'Inköp' },
  ],
}

export const EMAIL_DOMAIN: Record<Country, string> = { NO: 'example.no', SE: 'example.se' }

/** ISO 3166 numeric codes, as Swedbank Pay's countryCode. */
export const CARD_COUNTRY_CODE: Record<Country, string> = { NO: '578', SE: '752' }

export const CARD_ISSUERS: Record<Country, readonly string[]> = {
  NO: ['DNB Bank ASA', 'SpareBank 1 SR-Bank', 'Nordea Bank Norge', 'Sbanken'],
  SE: ['Swedbank AB', 'Svenska Handelsbanken', 'SEB', 'Nordea Bank Abp'],
}

export const CARD_BRANDS = [
  { cardBrand: 'Visa', cardTypeName: 'VISA', bins: ['492500', '476173', '457004'] },
  { cardBrand: 'MasterCard', cardTypeName: 'MASTERCARD', bins: ['522661', '545454', '510011'] },
] as const

export interface Product {
  productCode: string
  productName: string
  companyCode: string
  monthlyPrice: number
  /** VAT on the invoice lines: news subscriptions are zero-rated in Norway, 6 % in Sweden. */
  vatPercent: number
  currency: 'NOK' | 'SEK'
}

export const PRODUCTS: Record<Country, readonly Product[]> = {
  NO: [
    { productCode: 'AP001', productName: 'Aftenposten Digital', companyCode: '68979834', monthlyPrice: 299, vatPercent: 0, currency: 'NOK' },
    { productCode: 'BT001', productName: 'Bergens Tidende Pluss', companyCode: '68979835', monthlyPrice: 249, vatPercent: 0, currency: 'NOK' },
  ],
  SE: [
    { productCode: 'SVD01', productName: 'Svenska Dagbladet Digital', companyCode: '55667788', monthlyPrice: 229, vatPercent: 6, currency: 'SEK' },
    { productCode: 'AB001', productName: 'Aftonbladet Plus', companyCode: '55667789', monthlyPrice: 99, vatPercent: 6, currency: 'SEK' },
  ],
}

/** The whole catalog, Norwegian products first: what GET /capi/v1/client/product lists. */
export const ALL_PRODUCTS: readonly Product[] = [...PRODUCTS.NO, ...PRODUCTS.SE]

export function findProduct(productCode: string): Product | undefined {
  return ALL_PRODUCTS.find((product) => product.productCode === productCode)
}

/** Connect paymentProviderId per family: 11 (PayEx) and 55 (Klarna) are the docs' examples, 25 (Vipps) is
 *  from the docs' remove-agreement body; Nexi's is not documented and assumed. */
export const PAYMENT_PROVIDER_ID = { payex: 11, klarna: 55, vipps: 25, nexi: 70 } as const

export const PAYEX_MERCHANT_ID = '45723589'

const TRANSLITERATION: Record<string, string> = { æ: 'ae', ø: 'o', å: 'a', ä: 'a', ö: 'o', é: 'e' }

/** "Håkon Ødegård" -> "hakon.odegard": the local part of a demo e-mail address. */
export function emailLocalPart(...names: string[]): string {
  return names
    .map((name) => [...name.toLowerCase()].map((ch) => TRANSLITERATION[ch] ?? ch).join(''))
    .join('.')
    .replace(/[^a-z0-9.]/g, '')
}
