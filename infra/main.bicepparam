// An example: copy it beside main.bicep (infra/council.bicepparam), put your council's values in, and deploy it as
// README, "Running in Azure", says.
using 'main.bicep'

param name = 'scrutiny'
param councilName = 'Your council'
param teamEmail = 'scrutiny@yourcouncil.gov.uk'
// The sign-in app registration's client id (az ad app create ... --query appId).
param signInClientId = '00000000-0000-0000-0000-000000000000'
param mailProvider = 'Graph'
param filingTarget = 'Blob'
param focusReportFeedUrl = ''
param taskHub = 'scrutiny'
