/**
 * Longest free text the product keeps in one field: a description, a note, a problem found. The
 * mutations' input checks (@district/subgraph-kit optionalText) and the ledger kit's cells
 * (@district/ledger parseCell) refuse longer text with this one limit, so an import cannot store
 * what a form would refuse.
 */
export const NOTE_MAX = 2000;
