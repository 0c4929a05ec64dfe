// Runs before the page paints: tells GOV.UK Frontend's CSS that its JavaScript will run.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
