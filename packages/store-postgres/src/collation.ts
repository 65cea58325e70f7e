import {
  type ColumnDefinitionNode,
  DataTypeNode,
  type KyselyPlugin,
  OperationNodeTransformer,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  RawNode,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';

/**
 * Gives every `text` column the shared migrations create the binary collation `"C"`. Freshet's
 * contract orders keys in binary order (`'B'` before `'a'`) as SQLite and JavaScript do, while a
 * database's default collation is often a linguistic one (en_US) that would not. Keys compare
 * faster in "C" too. Only DDL goes through this plugin: it is used for migrating alone.
 */
export const binaryTextColumns: KyselyPlugin = {
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    return transformer.transformNode(node);
  },
  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  },
};

class CollateText extends OperationNodeTransformer {
  protected override transformColumnDefinition(node: ColumnDefinitionNode): ColumnDefinitionNode {
    const column = super.transformColumnDefinition(node);
    if (!DataTypeNode.is(column.dataType) || column.dataType.dataType !== 'text') return column;
    return { ...column, dataType: RawNode.createWithSql('text collate "C"') };
  }
}

const transformer = new CollateText();
