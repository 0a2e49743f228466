using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace ScrutinyWorkflow.Web.SharedKeys;

/// <summary>
/// Each key in the ring is kept encrypted under a fresh 256-bit AES-GCM key of its own, and that key is kept only wrapped
/// by the council's Key Vault key: reading the key ring's blob without the vault's permission yields nothing usable.
/// </summary>
internal sealed class KeyVaultXmlEncryptor(KeyVaultKeyWrap vault, Uri keyUri) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var secret = RandomNumberGenerator.GetBytes(32);
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using (var aes = new AesGcm(secret, tag.Length))
        {
            aes.Encrypt(nonce, plaintext, ciphertext, tag);
        }
        var (keyId, wrapped) = vault.Wrap(keyUri, secret);
        CryptographicOperations.ZeroMemory(secret);
        var element = new XElement(
            "encryptedKey",
            new XComment(" This key is encrypted with a key wrapped by Azure Key Vault. "),
            new XElement("keyId", keyId.AbsoluteUri),
            new XElement("wrappedKey", Convert.ToBase64String(wrapped)),
            new XElement("nonce", Convert.ToBase64String(nonce)),
            new XElement("tag", Convert.ToBase64String(tag)),
            new XElement("value", Convert.ToBase64String(ciphertext)));
        return new EncryptedXmlInfo(element, typeof(KeyVaultXmlDecryptor));
    }
}

/// <summary>Made by Data Protection from the type named in the key ring, with the app's services.</summary>
internal sealed class KeyVaultXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        string Part(string name) => encryptedElement.Element(name)?.Value
            ?? throw new InvalidDataException($"A Data Protection key in the key ring has no {name}: the ring was changed by hand or damaged.");
        var secret = services.GetRequiredService<KeyVaultKeyWrap>().Unwrap(new Uri(Part("keyId")), Convert.FromBase64String(Part("wrappedKey")));
        var tag = Convert.FromBase64String(Part("tag"));
        var ciphertext = Convert.FromBase64String(Part("value"));
        var plaintext = new byte[ciphertext.Length];
        try
        {
            using var aes = new AesGcm(secret, tag.Length);
            aes.Decrypt(Convert.FromBase64String(Part("nonce")), ciphertext, tag, plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
        return XElement.Parse(Encoding.UTF8.GetString(plaintext));
    }
}
