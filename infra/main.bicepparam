// An example: copy it, put your council's values in, and deploy with
//   az deployment group create --resource-group rg-scrutiny --parameters infra/main.bicepparam
using 'main.bicep'

param name = 'scrutiny'
param teamEmail = 'scrutiny@yourcouncil.gov.uk'
param mailProvider = 'Graph'
param focusReportFeedUrl = ''
param taskHub = 'scrutiny'
