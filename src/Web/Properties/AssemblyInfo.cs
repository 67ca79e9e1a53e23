using System.Resources;

// The neutral resources (Resources/*.resx without a culture) are Dutch: Dutch is the default language of the product.
[assembly: NeutralResourcesLanguage("nl")]
