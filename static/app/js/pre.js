// Loaded before the Bootstrap Italia bundle: the bundled video.js would
// otherwise inject an inline <style>, which the strict CSP blocks.
window.VIDEOJS_NO_DYNAMIC_STYLE = true;
