/** What a `Person` resolves from: its id, the keyed hash of an ID number (@district/common persons.ts). */
export interface PersonRef {
  id: string;
}
