using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;

namespace OverdueSmsPortal.Benchmarks;

/// <summary>
/// Columns of one table as the EF model maps them: the table and column names, each column's store
/// type and the value converter that turns a property's value into what is stored. A raw fill that
/// writes through these writes exactly what the portal would have written.
/// </summary>
internal sealed class ModelColumns
{
    private readonly IProperty[] properties;
    private readonly ValueConverter?[] converters;
    private readonly Type[] types;

    private ModelColumns(IEntityType entity, IProperty[] properties)
    {
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        this.properties = properties;
        converters = properties.Select(p => p.GetTypeMapping().Converter).ToArray();
        types = properties.Select(p => Nullable.GetUnderlyingType(p.ClrType) ?? p.ClrType).ToArray();
        Table = table.Name;
        Names = properties.Select(p => p.GetColumnName(table)!).ToArray();
        // The type without its modifiers (character varying(50) is character varying), as Npgsql names types.
        StoreTypes = properties.Select(p => p.GetColumnType().Split('(')[0]).ToArray();
    }

    public string Table { get; }

    public IReadOnlyList<string> Names { get; }

    public IReadOnlyList<string> StoreTypes { get; }

    public IReadOnlyList<IProperty> Properties => properties;

    /// <summary>Every column of <typeparamref name="TEntity"/> but its key, which the store numbers.</summary>
    public static ModelColumns AllButKey<TEntity>(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(TEntity))!;
        return new ModelColumns(entity, entity.GetProperties().Where(p => !p.IsPrimaryKey()).ToArray());
    }

    /// <summary>The named columns of <typeparamref name="TEntity"/>, in that order.</summary>
    public static ModelColumns Of<TEntity>(DbContext db, params string[] columns)
    {
        var entity = db.Model.FindEntityType(typeof(TEntity))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var byColumn = entity.GetProperties().ToDictionary(p => p.GetColumnName(table)!);
        return new ModelColumns(entity, columns.Select(c => byColumn.TryGetValue(c, out var p)
            ? p
            : throw new InvalidOperationException($"The model maps no column {c} in {table.Name}.")).ToArray());
    }

    /// <summary>
    /// Column <paramref name="i"/>'s stored form of <paramref name="value"/>, a value of the property's
    /// type; an enum property also takes its number, a numeric one another number type.
    /// </summary>
    public object? Stored(int i, object? value)
    {
        if (value is null)
        {
            return null;
        }
        var type = types[i];
        if (type.IsEnum && value.GetType() != type)
        {
            value = Enum.ToObject(type, value);
        }
        else if (type.IsPrimitive && value.GetType() != type)
        {
            value = Convert.ChangeType(value, type, CultureInfo.InvariantCulture);
        }
        else if (value is DateTimeOffset instant)
        {
            // The portal writes instants at offset zero (timestamptz takes no other).
            value = instant.ToUniversalTime();
        }
        return converters[i]?.ConvertToProvider(value) ?? value;
    }

    /// <summary>Column <paramref name="i"/>'s stored form of the property's value on <paramref name="entity"/>.</summary>
    public object? StoredOf(int i, object entity) => Stored(i, properties[i].GetGetter().GetClrValueUsingContainingEntity(entity));

    /// <summary>A binary COPY into these columns, in a transaction the caller has begun (or none).</summary>
    public PostgresCopy Copy(NpgsqlConnection connection) => new(connection, this);
}

/// <summary>One binary COPY (<see cref="NpgsqlConnection.BeginBinaryImport"/>) of rows in the model's stored forms.</summary>
internal sealed class PostgresCopy : IDisposable
{
    private readonly ModelColumns columns;
    private readonly NpgsqlBinaryImporter importer;

    public PostgresCopy(NpgsqlConnection connection, ModelColumns columns)
    {
        this.columns = columns;
        importer = connection.BeginBinaryImport(
            $"COPY \"{columns.Table}\" ({string.Join(", ", columns.Names.Select(n => $"\"{n}\""))}) FROM STDIN (FORMAT BINARY)");
        // Half a million rows are written before the server answers: no timeout.
        importer.Timeout = TimeSpan.Zero;
    }

    public long Rows { get; private set; }

    /// <summary>One row: a value of each column's property type (or an enum's number), in the columns' order.</summary>
    public void Row(params object?[] values)
    {
        importer.StartRow();
        for (var i = 0; i < values.Length; i++)
        {
            Write(i, columns.Stored(i, values[i]));
        }
        Rows++;
    }

    /// <summary>One row from an entity's properties.</summary>
    public void RowOf(object entity)
    {
        importer.StartRow();
        for (var i = 0; i < columns.Names.Count; i++)
        {
            Write(i, columns.StoredOf(i, entity));
        }
        Rows++;
    }

    /// <summary>Ends the COPY: the rows are in once this returns.</summary>
    public ulong Complete() => importer.Complete();

    public void Dispose() => importer.Dispose();

    private void Write(int i, object? stored)
    {
        if (stored is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(stored, columns.StoreTypes[i]);
        }
    }
}
