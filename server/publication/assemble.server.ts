import type { Db, Queryable } from '#db/client.server.ts'
import { checkAccessibility, type Finding } from '#shared/publication/accessibility.ts'
import { type BlockNode, readerContent } from '#shared/publication/content.ts'
import { loadStoredDocument } from '../sections/section-versions.server.ts'
import { listSections } from '../task-forces/documents.server.ts'

export type AssembledSection = ReturnType<typeof listSections>[number] & { blocks: BlockNode[] }

/**
 * The whole document as readers will get it: every section on the outline, in order, with its
 * stored text (everything committed: the live server commits before anyone sees an edit) as the
 * reader's tree, and the accessibility check of the result.
 */
export function assembleDocument(
	db: Db,
	documentId: string,
): { sections: AssembledSection[]; findings: Finding[] } {
	const sections = listSections(db, documentId).map((section) => ({
		...section,
		blocks: storedBlocks(db, section.id),
	}))
	return { sections, findings: checkAccessibility(sections) }
}

/** A section's stored text as the reader's tree. */
function storedBlocks(db: Queryable, sectionId: string): BlockNode[] {
	const doc = loadStoredDocument(db, sectionId)
	try {
		return readerContent(doc)
	} finally {
		doc.destroy()
	}
}
