// GOV.UK Frontend's JavaScript, started from a file because the content security policy allows no inline script.
// Every page works without it: it only enhances (error summary focus, skip link, buttons that ignore a double click).
import { initAll } from '/assets/govuk-frontend.min.js';

// GOV.UK Frontend's styles for enhanced components apply only once the page says its script runs.
document.body.classList.add('govuk-frontend-supported');
initAll();
