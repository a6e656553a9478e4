import { stemmer } from "stemmer";

/** Words too common to tell documents apart. */
const STOP_WORDS = new Set(
  "a an and are as at be by can do does for from give has have how i in into is it its me my of on or our show that the their them then there these this to up us was what when where which who whom why will with you your".split(
    " ",
  ),
);

/** Splits on anything not a letter or digit, so tool names (list_all_…) split into words. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().split(/[^a-z0-9]+/);
}

/** A word as full-text indexes keep it: stop words dropped, the rest stemmed (Porter). */
export function normalizeTerm(term: string): string | null {
  if (term.length === 0 || STOP_WORDS.has(term)) return null;
  return stemmer(term);
}
