/** Luhn (mod 10) check over a string of ASCII digits, as card schemes use it. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return digits.length > 0 && sum % 10 === 0;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** The check character GB 11643-1999 gives the first 17 digits of a resident ID number. */
export function identityCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (ID_WEIGHTS[i] as number);
  return ID_CHECK_CHARS[sum % 11] as string;
}

/** An 18-character mainland resident ID number whose check character is right (X in either case). */
export function isResidentIdNumber(value: string): boolean {
  return /^\d{17}[\dXx]$/.test(value) && identityCheckChar(value.slice(0, 17)) === value.slice(17).toUpperCase();
}
