/** Where the MDX notes live: content/notes, or PORT_ATLAS_NOTES_DIR (tests build broken notes). */
export const notesDir = (): string => process.env.PORT_ATLAS_NOTES_DIR || 'content/notes';
