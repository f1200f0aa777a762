using PhoneNumbers;

namespace OverdueSmsPortal.Core.Customers;

/// <summary>Validates and normalises mobile numbers with libphonenumber, China as the default region.</summary>
public static class MobileNumbers
{
    public const string DefaultRegion = "CN";

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// Returns the number in E.164 form when <paramref name="input"/> is a valid mobile number
    /// (numbers without a country code are read as Chinese), otherwise null.
    /// </summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }
        PhoneNumber number;
        try
        {
            number = Util.Parse(input.Trim(), DefaultRegion);
        }
        catch (NumberParseException)
        {
            return null;
        }
        if (!Util.IsValidNumber(number))
        {
            return null;
        }
        var type = Util.GetNumberType(number);
        if (type is not (PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE))
        {
            return null;
        }
        return Util.Format(number, PhoneNumberFormat.E164);
    }

    /// <summary>How a stored E.164 number is shown: national form for Chinese numbers, international otherwise.</summary>
    public static string Display(string e164)
    {
        try
        {
            var number = Util.Parse(e164, DefaultRegion);
            return number.CountryCode == 86
                ? number.NationalNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : Util.Format(number, PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException)
        {
            return e164;
        }
    }
}
