using System.Collections;
using System.Reflection;
using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Web.Tests.Engine.Embedded;

/// <summary>
/// Two reviews are the same when every public property and field, to the bottom, is: collections item by item,
/// dictionaries key by key, times with their offsets. Records compare their lists by reference, which says nothing here.
/// </summary>
internal static class SameReview
{
    public static void Assert(ReviewState expected, ReviewState actual) => Compare(expected, actual, "review");

    private static void Compare(object? expected, object? actual, string path)
    {
        if (expected is null || actual is null)
        {
            Xunit.Assert.True(expected is null && actual is null, $"{path}: expected {expected ?? "null"}, got {actual ?? "null"}.");
            return;
        }
        switch (expected)
        {
            case string or bool or int or long or double or decimal or DateOnly or TimeOnly or Enum or YearMonth:
                Xunit.Assert.True(expected.Equals(actual), $"{path}: expected {expected}, got {actual}.");
                return;
            case DateTime time:
                Xunit.Assert.True(actual is DateTime other && time == other && time.Kind == other.Kind, $"{path}: expected {time:O}, got {actual:O}.");
                return;
            case DateTimeOffset instant:
                Xunit.Assert.True(actual is DateTimeOffset otherInstant && instant == otherInstant && instant.Offset == otherInstant.Offset, $"{path}: expected {instant:O}, got {actual:O}.");
                return;
            case IDictionary dictionary:
                var others = (IDictionary)actual;
                Xunit.Assert.True(
                    Keys(dictionary).SequenceEqual(Keys(others)),
                    $"{path}: expected keys {string.Join(",", Keys(dictionary))}, got {string.Join(",", Keys(others))}.");
                foreach (var key in dictionary.Keys)
                {
                    Compare(dictionary[key], others[key], $"{path}[{key}]");
                }
                return;
            case IEnumerable items:
                var left = items.Cast<object?>().ToList();
                var right = ((IEnumerable)actual).Cast<object?>().ToList();
                Xunit.Assert.True(left.Count == right.Count, $"{path}: expected {left.Count} items, got {right.Count}.");
                for (var i = 0; i < left.Count; i++)
                {
                    Compare(left[i], right[i], $"{path}[{i}]");
                }
                return;
        }
        Xunit.Assert.True(expected.GetType() == actual.GetType(), $"{path}: expected a {expected.GetType().Name}, got a {actual.GetType().Name}.");
        foreach (var property in expected.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            Compare(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
        }
        foreach (var field in expected.GetType().GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            Compare(field.GetValue(expected), field.GetValue(actual), $"{path}.{field.Name}");
        }
    }

    private static List<string> Keys(IDictionary dictionary) => [.. dictionary.Keys.Cast<object>().Select(k => k.ToString()!).Order(StringComparer.Ordinal)];
}
