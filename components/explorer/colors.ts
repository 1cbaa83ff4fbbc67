/** One colour per digit, 0-9 (Tableau 10: distinct, and readable on a dark map). */
export const DIGIT_COLORS = [
  "#4e79a7",
  "#f28e2c",
  "#e15759",
  "#76b7b2",
  "#59a14f",
  "#edc949",
  "#af7aa1",
  "#ff9da7",
  "#9c755f",
  "#bab0ab",
] as const;
