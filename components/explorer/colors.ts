/**
 * One colour per digit, 0-9, for the dark map. Each reaches at least 5.6:1
 * against the page background (WCAG asks 4.5:1 for the legend's text), and
 * the pairs people mix up most differ in lightness as well as hue: 2 (red)
 * against 7 (pale pink) 2.5:1, 8 (brown) against 9 (near white) 2.8:1.
 */
export const DIGIT_COLORS = [
  "#6b9fe8",
  "#f28e2c",
  "#ff4f4f",
  "#4fd1c5",
  "#6cc24a",
  "#f2cf3a",
  "#c39bff",
  "#ffd6ea",
  "#b9804f",
  "#ececec",
] as const;

/** A dash pattern per digit (SVG stroke-dasharray), so lines differ without colour too. */
export const DIGIT_DASHES = [
  "",
  "8 3",
  "2 2",
  "12 3 2 3",
  "4 4",
  "1 3",
  "8 2 2 2",
  "6 2 1 2",
  "14 4",
  "3 2 8 2",
] as const;
