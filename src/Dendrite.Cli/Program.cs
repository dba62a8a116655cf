Console.WriteLine("dendrite");
