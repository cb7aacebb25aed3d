// A class or class member carries each of its decorators on a line of its own, and its name on the
// line after them, so a route's method, path, permission and status read as a list (parameter
// decorators such as @Body() stay inline). Prettier keeps decorators where they were written, so
// this rule decides; `eslint --fix` breaks the lines and Prettier then indents them.
export default {
  meta: {
    type: 'layout',
    fixable: 'whitespace',
    docs: { description: 'one class or member decorator per line' },
    messages: { sameLine: 'Put each decorator, and then the declaration, on a line of its own.' },
    schema: [],
  },
  create(context) {
    const source = context.sourceCode;
    function check(node) {
      const decorators = node.decorators ?? [];
      if (decorators.length === 0) return;
      const indent = ' '.repeat(decorators[0].loc.start.column);
      const following = [...decorators.slice(1), node.key ?? node.id ?? null].filter(Boolean);
      for (let i = 0; i < following.length; i++) {
        const previous = decorators[i];
        const next = following[i];
        if (next.loc.start.line !== previous.loc.end.line) continue;
        context.report({
          node: next,
          messageId: 'sameLine',
          fix: (fixer) => {
            // Modifiers (async, static, readonly …) between the decorator and the key move with the key.
            const start = source.getTokenAfter(previous).range[0];
            return fixer.replaceTextRange([previous.range[1], start], `\n${indent}`);
          },
        });
      }
    }
    return {
      ClassDeclaration: check,
      MethodDefinition: check,
      PropertyDefinition: check,
      AccessorProperty: check,
      TSAbstractMethodDefinition: check,
      TSAbstractPropertyDefinition: check,
    };
  },
};
