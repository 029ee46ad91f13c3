/** Escapes text for HTML element content and attribute values. */
function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`)
}

/**
 * A small self-contained page for a request refused before React Router sees it (413, 415): the
 * app's shell and stylesheet are not involved, so it only uses inline `style` attributes, which
 * the Content-Security-Policy allows.
 */
export function refusalPage(text: { title: string; message: string }): string {
	const title = escapeHtml(text.title)
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Convene</title>
</head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a; background: #fff; margin: 0">
<main id="main" style="max-width: 40rem; margin: 3rem auto; padding: 0 1.25rem">
<h1 style="font-size: 1.75rem; margin: 0 0 1rem">${title}</h1>
<p>${escapeHtml(text.message)}</p>
<p>Your browser's Back button returns to the form.</p>
<p><a href="/" style="color: #0b57d0">Go to your task forces</a></p>
</main>
</body>
</html>
`
}
