/**
 * Is a text written in simplified or traditional characters? Counted on frequent characters
 * that exist in only one of the two scripts; enough to pick a voice and a font.
 */

// Frequent characters written differently in the two scripts.
const SIMPLIFIED =
  '这国们说来时会对个发过经还后样现实开关学问长见员东区应点义为书买车门马鸟语话让认读难劳动头听识';
const TRADITIONAL =
  '這國們說來時會對個發過經還後樣現實開關學問長見員東區應點義為書買車門馬鳥語話讓認讀難勞動頭聽識';

const simplified = new Set(SIMPLIFIED);
const traditional = new Set(TRADITIONAL);

export type DetectedScript = 'hans' | 'hant';

export function detectScript(text: string): DetectedScript {
  let hans = 0;
  let hant = 0;
  for (const char of text) {
    if (simplified.has(char)) hans++;
    else if (traditional.has(char)) hant++;
  }
  return hant > hans ? 'hant' : 'hans';
}
