// The Scrutiny Workflow in a council's own Azure subscription: one Function App on the Flex Consumption plan (.NET 10
// isolated) running the pages, the API and the reviews; its storage account (the Durable task hub, the read side's
// tables, the sent-mail record, the reports, statements and Data Protection containers); a Key Vault for the few
// secrets and the key that wraps the Data Protection keys; Application Insights on a Log Analytics workspace; and one
// user-assigned identity that reaches each of them with the narrowest role that works, granted on that resource alone.
// People sign in with the council's Entra ID (an app registration made beforehand). Deploy into an empty resource
// group: see README, "Running in Azure".

targetScope = 'resourceGroup'

@description('A short name for this deployment, used in every resource name: lower-case letters and digits.')
@minLength(3)
@maxLength(10)
param name string

@description('The Azure region. Flex Consumption runs in most; see the README for how to check one.')
param location string = resourceGroup().location

@description('The council\'s name, in every page\'s header and every message (2 to 80 characters).')
@minLength(2)
@maxLength(80)
param councilName string

@description('The scrutiny team\'s mailbox: messages come from it, and new focus reports are announced to it.')
param teamEmail string

@description('The address people reach the product at. Leave empty for the app\'s own azurewebsites.net address; set it once a custom domain is bound.')
param publicBaseUrl string = ''

@description('The Entra ID tenant people sign in with: the council\'s own (never common or organizations).')
param signInTenantId string = tenant().tenantId

@description('The client id (application id) of the council\'s app registration for signing in, with the app roles Scrutiny.Officer and Scrutiny.Reader.')
@minLength(36)
@maxLength(36)
param signInClientId string

@description('How mail is sent: Graph (from the team\'s mailbox, no secret), SendGrid or Notify (an API key in Key Vault), or Smtp (the council\'s relay).')
@allowed([
  'Graph'
  'SendGrid'
  'Notify'
  'Smtp'
])
param mailProvider string = 'Graph'

@description('With Notify: the id of the email template whose subject is ((subject)) and body ((body)).')
param notifyTemplateId string = ''

@description('With Notify: the id of a reply-to address set up in Notify; empty for the service\'s default.')
param notifyReplyToId string = ''

@description('With Smtp: the council\'s mail relay.')
param smtpHost string = ''

@description('With Smtp: the relay\'s port.')
@minValue(1)
@maxValue(65535)
param smtpPort int = 587

@description('With Smtp: upgrade the connection with STARTTLS before anything is sent.')
param smtpStartTls bool = true

@description('With Smtp: the relay account; empty for a relay that trusts the app without one. With it, its password goes into Key Vault as SmtpPassword.')
param smtpUserName string = ''

@description('Where released statements are filed: Blob (the storage account\'s statements container) or SharePoint (a document library, through Microsoft Graph as the identity).')
@allowed([
  'Blob'
  'SharePoint'
])
param filingTarget string = 'Blob'

@description('With SharePoint: the site\'s id (GET /sites/{host}:/sites/{name}).')
param sharePointSiteId string = ''

@description('With SharePoint: the document library\'s drive id (GET /sites/{site-id}/drives).')
param sharePointDriveId string = ''

@description('With SharePoint: the folder in the library statements go under; empty for its root.')
param sharePointFolder string = ''

@description('The RSS or Atom feed new focus reports are announced on; empty turns the daily look off.')
param focusReportFeedUrl string = ''

@description('The panel a report that arrives unattended is proposed for (the scrutiny officer changes it before dispatch).')
param focusReportPanelName string = 'Overview and Scrutiny Committee'

@description('That panel\'s address; empty for the team\'s.')
param focusReportPanelEmail string = ''

@description('How many weeks ahead the meeting proposed for such a report is.')
@minValue(2)
@maxValue(52)
param focusReportWeeksToMeeting int = 8

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

@description('Where the app keeps its ASP.NET Core Data Protection keys (sign-in cookies), wrapped by the Key Vault key of the same name.')
var dataProtection = 'dataprotection'

@description('The storage account\'s blob endpoint.')
var blobEndpoint = 'https://${storageAccountName}.blob.${environment().suffixes.storage}'

@description('The address emailed links are built from.')
var baseUrl = empty(publicBaseUrl) ? 'https://${appName}.azurewebsites.net' : publicBaseUrl

@description('The Key Vault secrets the app settings refer to; each is set with az keyvault secret set (README, "Running in Azure").')
var secretNames = {
  linkKey: 'LinkKey'
  signInClientSecret: 'SignInClientSecret'
  sendGridApiKey: 'SendGridApiKey'
  notifyApiKey: 'NotifyApiKey'
  smtpPassword: 'SmtpPassword'
}

// Built-in role definitions: https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
@description('The built-in roles the identity is granted, by id.')
var roles = {
  // The Functions host keeps its leases, blob trigger receipts and the deployment package in blobs; the app its
  // reports, statements and Data Protection keys.
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  // The Durable task hub's control and work-item queues, and the blob trigger's poison queue.
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  // The task hub's history and instance tables, the reviews' read side, the sent-mail record that keeps each message
  // to one sending, the feed's memory of reports seen.
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  // Reading the secrets the app settings refer to; nothing else in the vault.
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  // Wrapping and unwrapping the Data Protection keys with the one Key Vault key it is granted on.
  keyVaultCryptoUser: '12338af0-0e69-4776-bea7-57ae8d297424'
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
  for container in [packageContainer, 'reports', 'statements', dataProtection]: {
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

// Made once: deploying again returns the existing key unchanged (Key Vault rotates it, never the template).
resource dataProtectionKey 'Microsoft.KeyVault/vaults/keys@2026-05-15' = {
  parent: vault
  name: dataProtection
  properties: {
    kty: 'RSA'
    keySize: 2048
    keyOps: [
      'wrapKey'
      'unwrapKey'
    ]
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

@description('Key Vault references, resolved by the identity when the app starts (so restart it after setting a secret).')
var secretReferences = toObject(
  items(secretNames),
  secret => secret.key,
  secret => '@Microsoft.KeyVault(SecretUri=${vault.properties.vaultUri}secrets/${secret.value})'
)

@description('Every provider the mailProvider parameter offers, with every setting the app needs for it.')
var mailSettings = {
  Graph: {
    Scrutiny__Mail__Graph__Mailbox: teamEmail
  }
  SendGrid: {
    Scrutiny__Mail__SendGrid__ApiKey: secretReferences.sendGridApiKey
  }
  Notify: union(
    {
      Scrutiny__Mail__Notify__ApiKey: secretReferences.notifyApiKey
      Scrutiny__Mail__Notify__TemplateId: notifyTemplateId
    },
    empty(notifyReplyToId) ? {} : { Scrutiny__Mail__Notify__ReplyToId: notifyReplyToId }
  )
  Smtp: union(
    {
      Scrutiny__Mail__Smtp__Host: smtpHost
      Scrutiny__Mail__Smtp__Port: string(smtpPort)
      Scrutiny__Mail__Smtp__StartTls: smtpStartTls ? 'true' : 'false'
    },
    // User name and password together, or neither for a relay that trusts the app.
    empty(smtpUserName)
      ? {}
      : {
          Scrutiny__Mail__Smtp__UserName: smtpUserName
          Scrutiny__Mail__Smtp__Password: secretReferences.smtpPassword
        }
  )
}

@description('Every target the filingTarget parameter offers, with every setting the app needs for it.')
var filingSettings = {
  Blob: {
    Scrutiny__Filing__Target: 'Blob'
    Scrutiny__Filing__Blob__Container: 'statements'
  }
  SharePoint: {
    Scrutiny__Filing__Target: 'SharePoint'
    Scrutiny__Filing__SharePoint__SiteId: sharePointSiteId
    Scrutiny__Filing__SharePoint__DriveId: sharePointDriveId
    Scrutiny__Filing__SharePoint__Folder: sharePointFolder
  }
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
      appSettings: map(
        items(union(
          {
            // The Functions host and the Durable extension reach the account by identity.
            AzureWebJobsStorage__accountName: storage.name
            AzureWebJobsStorage__credential: 'managedidentity'
            AzureWebJobsStorage__clientId: identity.properties.clientId
            // DefaultAzureCredential in the app picks the user-assigned identity by this.
            AZURE_CLIENT_ID: identity.properties.clientId
            // Local auth is off on Application Insights: telemetry is sent as the identity.
            APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
            APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
            Scrutiny__Runtime: 'Durable'
            Scrutiny__Storage__AccountName: storage.name
            Scrutiny__Durable__TaskHub: taskHub
            Scrutiny__PublicBaseUrl: baseUrl
            Scrutiny__CouncilName: councilName
            Scrutiny__TeamEmail: teamEmail
            Scrutiny__DataPath: '/tmp/scrutiny'
            Scrutiny__LinkKey: secretReferences.linkKey
            // The samples the web host reads are not in the package: no routing rules until a council ships its own.
            Scrutiny__Routing__RulesPath: ''
            Scrutiny__DataProtection__BlobContainer: dataProtection
            Scrutiny__DataProtection__KeyUri: dataProtectionKey.properties.keyUri
            // Only the council's staff: the app registration's sign-in, its app roles deciding who may do what.
            Scrutiny__SignIn__Mode: 'EntraId'
            AzureAd__Instance: environment().authentication.loginEndpoint
            AzureAd__TenantId: signInTenantId
            AzureAd__ClientId: signInClientId
            AzureAd__ClientSecret: secretReferences.signInClientSecret
            // Officers from the council's Entra ID, read through Microsoft Graph as the identity.
            Scrutiny__Directory__Provider: 'Graph'
            Scrutiny__Graph__TenantId: subscription().tenantId
            Scrutiny__Graph__ClientId: identity.properties.clientId
            Scrutiny__Mail__Provider: mailProvider
            Scrutiny__Mail__CouncilName: councilName
            Scrutiny__FocusReports__PanelName: focusReportPanelName
            Scrutiny__FocusReports__PanelEmail: empty(focusReportPanelEmail) ? teamEmail : focusReportPanelEmail
            Scrutiny__FocusReports__WeeksToMeeting: string(focusReportWeeksToMeeting)
            Scrutiny__FocusReports__DownloadTimeout: '00:01:00'
          },
          // An empty feed address would still be read as an address: the setting is there only when there is a feed.
          empty(focusReportFeedUrl) ? {} : { Scrutiny__FocusReports__FeedUrl: focusReportFeedUrl },
          mailSettings[mailProvider],
          filingSettings[filingTarget]
        )),
        setting => {
          name: setting.key
          value: setting.value
        }
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

resource cryptoUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(dataProtectionKey.id, identity.id, roles.keyVaultCryptoUser)
  scope: dataProtectionKey
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultCryptoUser)
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

@description('The redirect URI to add to the sign-in app registration (az ad app update --web-redirect-uris).')
output signInRedirectUri string = 'https://${app.properties.defaultHostName}/signin-oidc'

@description('The Function App to publish to (func azure functionapp publish NAME, or az functionapp deployment).')
output functionAppName string = app.name

@description('Where the link key, the sign-in client secret and any mail secret go (az keyvault secret set --vault-name NAME ...).')
output keyVaultName string = vault.name

@description('The storage account: drop a focus report into its reports container to open a draft.')
output storageAccountName string = storage.name

@description('The identity to grant Microsoft Graph application permissions to (its service principal\'s object id).')
output identityPrincipalId string = identity.properties.principalId

@description('The identity\'s client id, for the Exchange application access policy that limits Mail.Send to the team\'s mailbox.')
output identityClientId string = identity.properties.clientId
