/** What `GET /api/muddle` answers for one muddle: the fields the explorer shows. */
export interface MuddleAnswer {
  method: string;
  digit: number;
  partner: number;
  t: number;
  image: number[];
  from: { index: number; digit: number };
  to: { index: number; digit: number };
  judge: { probabilities: number[] };
}
