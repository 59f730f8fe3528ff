const { src, dest } = require('gulp');

/** Copies what tsc does not emit: the icons and each node's codex JSON. */
function buildAssets() {
	return src(['icons/**/*.svg', 'nodes/**/*.node.json'], { base: '.', encoding: false }).pipe(dest('dist'));
}

exports['build:assets'] = buildAssets;
