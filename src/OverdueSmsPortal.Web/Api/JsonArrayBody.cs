using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OverdueSmsPortal.Web.Security;

namespace OverdueSmsPortal.Web.Api;

/// <summary>
/// The JSON array a lender's call posts (customers, repayments, complaints), or the 400 problem that
/// says why the body is none: malformed JSON, not an array, more items than one call may carry, or
/// text that is not UTF-8 (<see cref="JsonText"/>);
/// or the 413 problem for a body larger than <see cref="UploadOptions.MaxApiBodyBytes"/>, refused
/// before anything is written.
/// </summary>
public static class JsonArrayBody
{
    /// <param name="item">What one item is, e.g. "customer"; <paramref name="items"/> is the plural.</param>
    public static async Task<(JsonDocument? Document, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, string item, string items,
        int maxItems, CancellationToken cancellationToken)
    {
        var (document, problem) = await ParseAsync(request, items, $"Send a JSON array of {item} objects.", cancellationToken);
        if (document is null)
        {
            return (null, problem);
        }
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            document.Dispose();
            return (null, BadRequest("The request body must be a JSON array.", $"Send a JSON array of {item} objects, even for one {item}."));
        }
        if (document.RootElement.GetArrayLength() > maxItems)
        {
            document.Dispose();
            return (null, BadRequest($"Too many {items} in one request.", $"Send at most {maxItems} {items} per request; split larger sets."));
        }
        return (document, null);
    }

    /// <summary>
    /// The JSON object one call posts (a template to render, a reply to classify, a timeline to simulate), under
    /// the same size limit and with the same problems as an array; <paramref name="shape"/> says what to send.
    /// </summary>
    public static async Task<(JsonDocument? Document, ProblemHttpResult? Problem)> ReadObjectAsync(HttpRequest request, string shape,
        CancellationToken cancellationToken)
    {
        var (document, problem) = await ParseAsync(request, "data", shape, cancellationToken);
        if (document is null)
        {
            return (null, problem);
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            return (null, BadRequest("The request body must be a JSON object.", shape));
        }
        return (document, null);
    }

    /// <summary>Parses the body within <see cref="UploadOptions.MaxApiBodyBytes"/>: the document, or the 413 or 400 problem.</summary>
    private static async Task<(JsonDocument? Document, ProblemHttpResult? Problem)> ParseAsync(HttpRequest request, string items, string shape,
        CancellationToken cancellationToken)
    {
        var maxBytes = request.HttpContext.RequestServices.GetRequiredService<IOptions<UploadOptions>>().Value.MaxApiBodyBytes;
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes, items));
        }
        JsonDocument document;
        try
        {
            // Chunked bodies state no length: count while reading.
            await using var body = new BoundedStream(request.Body, maxBytes);
            document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        }
        catch (BoundedStream.LimitExceededException)
        {
            return (null, TooLarge(maxBytes, items));
        }
        catch (JsonException)
        {
            return (null, BadRequest("The request body is not valid JSON.", shape));
        }
        if (JsonText.Unreadable(document.RootElement) is { } unreadable)
        {
            document.Dispose();
            return (null, unreadable);
        }
        return (document, null);
    }

    private static ProblemHttpResult TooLarge(long maxBytes, string items) =>
        TypedResults.Problem(title: "The request body is too large.",
            detail: $"Send at most {UploadOptions.SizeText(maxBytes)} of JSON per request; split the {items} over several requests.",
            statusCode: StatusCodes.Status413PayloadTooLarge);

    public static ProblemHttpResult BadRequest(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status400BadRequest);
}

/// <summary>Reads <paramref name="inner"/> and throws once more than <paramref name="limit"/> bytes came.</summary>
internal sealed class BoundedStream(Stream inner, long limit) : Stream
{
    private long read;

    public sealed class LimitExceededException() : IOException("The request body is larger than allowed.");

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Count(int bytes)
    {
        read += bytes;
        return read > limit ? throw new LimitExceededException() : bytes;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
