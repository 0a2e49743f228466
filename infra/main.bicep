// The Scrutiny Workflow in a council's own Azure subscription: one Function App on the Flex Consumption plan (.NET 10
// isolated) running the pages, the API and the reviews; its storage account (the Durable task hub, the read side's
// tables, the reports and statements containers); a Key Vault for the few secrets; Application Insights on a Log
// Analytics workspace; and one user-assigned identity that reaches each of them with the narrowest role that works,
// granted on that resource alone. Deploy into an empty resource group: see README, "Running in Azure".

targetScope = 'resourceGroup'

@description('A short name for this deployment, used in every resource name: lower-case letters and digits.')
@minLength(3)
@maxLength(10)
param name string

@description('The Azure region. Flex Consumption runs in most; see the README for how to check one.')
param location string = resourceGroup().location

@description('The scrutiny team\'s mailbox: messages come from it, and new focus reports are announced to it.')
param teamEmail string

@description('The address people reach the product at. Leave empty for the app\'s own azurewebsites.net address; set it once a custom domain is bound.')
param publicBaseUrl string = ''

@description('How mail is sent: Graph (from the team\'s mailbox, no secret), SendGrid or Notify (an API key in Key Vault), or Smtp.')
@allowed([
  'Graph'
  'SendGrid'
  'Notify'
  'Smtp'
])
param mailProvider string = 'Graph'

@description('The RSS or Atom feed new focus reports are announced on; empty turns the daily look off.')
param focusReportFeedUrl string = ''

@description('The Durable task hub: apps naming the same hub on the same account share the same reviews.')
param taskHub string = 'scrutiny'

@description('Memory per instance (MB). 2048 reads a 50 MB report comfortably.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('The most instances the plan scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Makes every resource name unique to this resource group and deployment name.')
var suffix = uniqueString(resourceGroup().id, name)
@description('Storage account names are at most 24 lower-case letters and digits.')
var storageAccountName = take('st${name}${suffix}', 24)
@description('The Function App, and so its azurewebsites.net host name.')
var appName = 'func-${name}-${suffix}'
@description('Key Vault names are at most 24 characters.')
var vaultName = take('kv-${name}-${suffix}', 24)
@description('Where Flex Consumption keeps the deployment package.')
var packageContainer = 'app-package'
@description('The storage account\'s blob endpoint.')
var blobEndpoint = 'https://${storageAccountName}.blob.${environment().suffixes.storage}'
@description('The address emailed links are built from.')
var baseUrl = empty(publicBaseUrl) ? 'https://${appName}.azurewebsites.net' : publicBaseUrl

// Built-in role definitions: https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
@description('The built-in roles the identity is granted, by id.')
var roles = {
  // The Functions host keeps its leases, blob trigger receipts and the deployment package in blobs.
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  // The Durable task hub's control and work-item queues, and the blob trigger's poison queue.
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  // The task hub's history and instance tables, the reviews' read side, the feed's memory of reports seen.
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  // Reading the secrets the app settings refer to; nothing else in the vault.
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  // Sending telemetry to Application Insights with Entra ID instead of the instrumentation key.
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'id-${name}-${suffix}'
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2026-09-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    // Identity only: no account key can be used, so none can leak.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2026-09-01' = {
  parent: storage
  name: 'default'
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-09-01' = [
  for container in [packageContainer, 'reports', 'statements']: {
    parent: blobs
    name: container
  }
]

resource logs 'Microsoft.OperationalInsights/workspaces@2026-03-01' = {
  name: 'log-${name}-${suffix}'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 90
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${name}-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    DisableLocalAuth: true
  }
}

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' = {
  name: vaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: 'plan-${name}-${suffix}'
  location: location
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

@description('The Key Vault reference for each mail provider\'s secret.')
var secretSettings = {
  Graph: []
  Smtp: [
    {
      name: 'Scrutiny__Mail__Smtp__Password'
      value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=SmtpPassword)'
    }
  ]
  SendGrid: [
    {
      name: 'Scrutiny__Mail__SendGrid__ApiKey'
      value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=SendGridApiKey)'
    }
  ]
  Notify: [
    {
      name: 'Scrutiny__Mail__Notify__ApiKey'
      value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=NotifyApiKey)'
    }
  ]
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: appName
  location: location
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}/${packageContainer}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: concat(
        [
          // The Functions host and the Durable extension reach the account by identity.
          { name: 'AzureWebJobsStorage__accountName', value: storage.name }
          { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
          { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
          // DefaultAzureCredential in the app picks the user-assigned identity by this.
          { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
          { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
          { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identity.properties.clientId};Authorization=AAD' }
          { name: 'Scrutiny__Runtime', value: 'Durable' }
          { name: 'Scrutiny__Storage__AccountName', value: storage.name }
          { name: 'Scrutiny__Durable__TaskHub', value: taskHub }
          { name: 'Scrutiny__PublicBaseUrl', value: baseUrl }
          { name: 'Scrutiny__TeamEmail', value: teamEmail }
          { name: 'Scrutiny__DataPath', value: '/tmp/scrutiny' }
          { name: 'Scrutiny__LinkKey', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=LinkKey)' }
          { name: 'Scrutiny__Filing__Target', value: 'Blob' }
          { name: 'Scrutiny__Filing__Blob__Container', value: 'statements' }
          { name: 'Scrutiny__Directory__Provider', value: 'Graph' }
          { name: 'Scrutiny__Graph__TenantId', value: subscription().tenantId }
          { name: 'Scrutiny__Graph__ClientId', value: identity.properties.clientId }
          { name: 'Scrutiny__Mail__Provider', value: mailProvider }
          { name: 'Scrutiny__Mail__Graph__Mailbox', value: teamEmail }
          { name: 'Scrutiny__FocusReports__FeedUrl', value: focusReportFeedUrl }
        ],
        secretSettings[mailProvider]
      )
    }
  }
  dependsOn: [
    containers
  ]
}

resource blobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roles.storageBlobDataOwner)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource queueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roles.storageQueueDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource tableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roles.storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, identity.id, roles.monitoringMetricsPublisher)
  scope: insights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

@description('Where people reach the product (set Scrutiny__PublicBaseUrl to a custom domain later if you bind one).')
output appUrl string = 'https://${app.properties.defaultHostName}'

@description('The Function App to publish to (func azure functionapp publish NAME, or az functionapp deployment).')
output functionAppName string = app.name

@description('Where the link key and any mail secret go (az keyvault secret set --vault-name NAME ...).')
output keyVaultName string = vault.name

@description('The storage account: drop a focus report into its reports container to open a draft.')
output storageAccountName string = storage.name

@description('The identity to grant Microsoft Graph application permissions to (its service principal\'s object id).')
output identityPrincipalId string = identity.properties.principalId
