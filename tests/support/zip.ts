import yauzl from 'yauzl'

/** Every file of a ZIP, unpacked with yauzl (a reader that is not the library that wrote it). */
export function readZip(data: Buffer): Promise<Map<string, Buffer>> {
	return new Promise((resolve, reject) => {
		yauzl.fromBuffer(data, { lazyEntries: true }, (error, zip) => {
			if (error || !zip) return reject(error ?? new Error('no zip'))
			const files = new Map<string, Buffer>()
			zip.on('entry', (entry: yauzl.Entry) => {
				if (entry.fileName.endsWith('/')) return zip.readEntry()
				zip.openReadStream(entry, (streamError, stream) => {
					if (streamError || !stream) return reject(streamError ?? new Error('no stream'))
					const chunks: Buffer[] = []
					stream.on('data', (chunk: Buffer) => chunks.push(chunk))
					stream.on('end', () => {
						if (files.has(entry.fileName)) reject(new Error(`twice: ${entry.fileName}`))
						files.set(entry.fileName, Buffer.concat(chunks))
						zip.readEntry()
					})
					stream.on('error', reject)
				})
			})
			zip.on('end', () => resolve(files))
			zip.on('error', reject)
			zip.readEntry()
		})
	})
}
